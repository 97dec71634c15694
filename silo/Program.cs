using BkMonitor.ClientApi.Hosting;
using BkMonitor.Silo.Hosting;

// The main job: one silo with the embedded default (SQLite state and reminders, in-memory streams)
// that also hosts the REST gateway, the dashboard and /metrics on 127.0.0.1:5080.
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentVariables(prefix: "BKMONITOR_");
builder.AddBkMonitorGateway();
builder.AddEmbeddedSilo();

var app = builder.Build();
app.MapBkMonitorGateway();
app.Run();
