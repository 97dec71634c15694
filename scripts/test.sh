#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need when it is missing,
# builds once, runs all test projects and prints one summary line "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
command -v prometheus >/dev/null 2>&1 || need_apt+=(prometheus)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
{ command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing test dependencies: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# Debian installs the PostgreSQL server binaries outside PATH; the fixtures look there too.
for d in /usr/lib/postgresql/*/bin; do [ -d "$d" ] && export PATH="$PATH:$d"; done
# The fixtures start their own servers; stop the ones a package install may have started.
for svc in redis-server prometheus prometheus-node-exporter postgresql; do (service "$svc" stop || true) >/dev/null 2>&1; done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build BkMonitor.sln -c Release -nologo -v q -clp:ErrorsOnly

results=$(mktemp -d)
status=0
for proj in $(find tests -name '*.csproj' | sort); do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=minimal" || status=1
done

python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}ResultSummary/{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("total", 0)) - int(c.get("executed", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
