#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, then builds (warnings as errors) and runs every test.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
# libsecp256k1: the Polymarket signer prefers it through P/Invoke (a managed fallback is tested too).
if ! ldconfig -p 2>/dev/null | grep -q 'libsecp256k1\.so'; then need_apt+=(libsecp256k1-1); fi
# chromium: the report tests drive Debian's Chromium through Playwright (they fail, never skip, without it).
if [ ! -x /usr/bin/chromium ]; then need_apt+=(chromium); fi
# prometheus: its promtool checks deploy/prometheus/alerts.yml and the /metrics exposition.
if ! command -v promtool >/dev/null; then need_apt+=(prometheus); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing ${need_apt[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "test.sh: warning: cannot install ${need_apt[*]} (not root); those tests use their fallbacks"
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The chart library report.html inlines, at the versions web/package-lock.json pins (the build would run this too when
# node_modules is missing; running it here makes a stale node_modules impossible).
(cd src/Bookmaker.Web/web && npm ci --no-audit --no-fund --ignore-scripts --silent)
status=0
# The alerting rules operators load (docs/operations.md#prometheus-rules) must parse and type-check.
if command -v promtool >/dev/null; then
  promtool check rules deploy/prometheus/alerts.yml || status=1
else
  echo "test.sh: warning: promtool missing; deploy/prometheus/alerts.yml not checked"
fi
dotnet restore Bookmaker.slnx --locked-mode
dotnet build Bookmaker.slnx -c Release --no-restore -warnaserror

results=$(mktemp -d)
dotnet test Bookmaker.slnx -c Release --no-build --logger "trx" --results-directory "$results" || status=$?

# Benchmarks are not tests, but a benchmark whose setup no longer works would only be found the next time someone
# measures: run each one once (BenchmarkDotNet's dry job, ~30 s) and fail on any error or missing result.
bench_log="$results/benchmarks-dry.log"
if dotnet run -c Release --no-build --project bench/Bookmaker.Benchmarks -- --filter '*' --job dry --inProcess >"$bench_log" 2>&1 \
   && ! grep -qE 'Exception|Benchmarks with issues|no results reported' "$bench_log"; then
  echo "benchmarks: every benchmark ran once (dry job)"
else
  echo "benchmarks: a benchmark failed its dry run; see below"; grep -nE -B2 -A8 'Exception|Benchmarks with issues|no results reported' "$bench_log" | head -60
  status=1
fi

# One closing line that any CI reader understands, summed over every test project.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed, {s} skipped")
PY
exit $status
