// The dashboard reads the gateway's REST API with the admin token the user enters; it renders text only
// (textContent), so alert names and dimensions can never inject markup.
"use strict";

const refreshMs = 5000;
const tokenKey = "bkmonitor.admin-token";
const byId = (id) => document.getElementById(id);
let timer = null;

function token() { return sessionStorage.getItem(tokenKey) || ""; }

async function api(path, options = {}) {
  const headers = { Authorization: `Bearer ${token()}`, ...(options.headers || {}) };
  const response = await fetch(path, { ...options, headers });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (response.status === 401) throw new Error(`The admin token was rejected (401 on ${path}).`);
  if (!response.ok && !(path === "/healthz" && response.status === 503)) {
    const detail = body && (body.detail || body.title) ? `${body.title}: ${body.detail || ""}` : response.statusText;
    throw new Error(`${options.method || "GET"} ${path} → ${response.status} ${detail}`);
  }
  return body;
}

function cell(row, value, className) {
  const td = row.insertCell();
  td.textContent = value === null || value === undefined ? "" : String(value);
  if (className) td.className = className;
  return td;
}

function fill(tableId, items, render) {
  const body = byId(tableId).tBodies[0];
  body.replaceChildren();
  for (const item of items) render(body.insertRow(), item);
  if (items.length === 0) cell(body.insertRow(), "none", "muted").colSpan = byId(tableId).tHead.rows[0].cells.length;
}

function time(epochSeconds) {
  return epochSeconds ? new Date(epochSeconds * 1000).toLocaleString() : "";
}

function renderHealth(health) {
  byId("health-status").textContent = health.status;
  byId("health-status").className = `badge status-${health.status}`;
  fill("health", health.checks, (row, check) => {
    cell(row, check.namespace);
    cell(row, check.status, `status-${check.status}`);
    cell(row, check.message);
  });
}

function renderSilos(silos) {
  fill("silos", silos.items, (row, silo) => {
    cell(row, silo.address);
    cell(row, silo.name);
    cell(row, silo.status, `status-${silo.status}`);
    cell(row, (silo.roles || []).join(", "));
    cell(row, silo.activation_count ?? "–");
  });
}

function renderGrains(grains) {
  const byType = new Map();
  for (const entry of grains.items) {
    const type = byType.get(entry.grain_type) || { total: 0, silos: [] };
    type.total += entry.count;
    type.silos.push(`${entry.silo}: ${entry.count}`);
    byType.set(entry.grain_type, type);
  }
  const rows = [...byType.entries()].sort((a, b) => b[1].total - a[1].total);
  fill("grains", rows, (row, [type, counts]) => {
    cell(row, type);
    cell(row, counts.total);
    cell(row, counts.silos.join("; "), "muted");
  });
}

function renderAlerts(page) {
  byId("alert-total").textContent = page.total;
  fill("alerts", page.items, (row, alert) => {
    row.dataset.alertId = alert.id;
    cell(row, alert.id);
    cell(row, alert.alert_name);
    cell(row, alert.severity, `severity-${alert.severity}`);
    cell(row, alert.bk_biz_id);
    cell(row, alert.strategy_id);
    cell(row, (alert.dimensions || []).map((d) => `${d.display_key || d.key}=${d.display_value ?? d.value}`).join(", "));
    cell(row, time(alert.begin_time));
    cell(row, [alert.is_ack ? "acked" : "", alert.is_shielded ? "shielded" : "", alert.is_blocked ? "blocked" : ""].filter(Boolean).join(", "));
    const actions = cell(row, "");
    for (const command of ["ack", "close"]) {
      const button = document.createElement("button");
      button.textContent = command === "ack" ? "Ack" : "Close";
      button.dataset.command = command;
      button.disabled = command === "ack" && alert.is_ack;
      button.addEventListener("click", () => runCommand(alert.id, command));
      actions.appendChild(button);
    }
  });
}

async function runCommand(alertId, command) {
  try {
    await api(`/api/v1/alerts/${encodeURIComponent(alertId)}/${command}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: `${command} from the dashboard` }),
    });
    await refresh();
  } catch (e) {
    showError(e.message);
  }
}

function showError(message) {
  byId("error").textContent = message;
  byId("error").hidden = !message;
}

async function refresh() {
  try {
    const [health, silos, grains, alerts] = await Promise.all([
      api("/healthz"),
      api("/api/v1/cluster/silos"),
      api("/api/v1/cluster/grains"),
      api("/api/v1/alerts?status=ABNORMAL&page_size=100"),
    ]);
    renderHealth(health);
    renderSilos(silos);
    renderGrains(grains);
    renderAlerts(alerts);
    showError("");
    byId("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    showError(e.message);
  }
}

byId("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(tokenKey, byId("token").value.trim());
  byId("token").value = "";
  start();
});

function start() {
  if (timer) clearInterval(timer);
  refresh();
  timer = setInterval(refresh, refreshMs);
}

if (token()) start();
