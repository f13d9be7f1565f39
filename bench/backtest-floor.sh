#!/usr/bin/env bash
# Issue 14's figure in one go: the C floor (gunzip + hand-written parse + array-book apply of the shared USD-M file),
# the .NET end-to-end backtest of the same file warm (BenchmarkDotNet, in-process) and cold (the CLI process, best
# of COLD runs, its own timing.json), then the ratios. Run from the repository root after
# `dotnet build bench/Bookmaker.Benchmarks -c Release` (which builds the CLI too). JOB=short (default) or JOB=dry.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${DATA:-../shared/data/binance/usdm_btcusdt_20240808.gz}"
job="${JOB:-short}"
cold_runs="${COLD:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

gcc -O2 -Wall -Wextra -o "$out/floor" bench/c-floor/floor.c -lz
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
floor_line="$("$out/floor" "$data" 0.1 20)"
echo "$floor_line"
floor_rate="$(sed -E 's/.* = ([0-9]+) events\/s$/\1/' <<<"$floor_line")"

dotnet run -c Release --no-build --project bench/Bookmaker.Benchmarks -- --filter '*BacktestEndToEnd*' --job "$job" --inProcess \
  --artifacts "$out/bdn" >"$out/bdn.log" 2>&1 || { tail -40 "$out/bdn.log"; exit 1; }
row="$(grep -E '^\| Backtest ' "$out/bdn.log")"
echo "$(grep -E '^\| Method ' "$out/bdn.log")"
echo "$row"
# The Events/s column is the fifth cell (Method, Mean, Error, StdDev, Events/s) in the short job's table.
net_rate="$(awk -F'|' '{ for (i = 2; i <= NF; i++) if ($i ~ /^ *[0-9,]+ *$/) { gsub(/[ ,]/, "", $i); print $i; exit } }' <<<"$row")"

# Cold: the whole CLI process (start, JIT, replay, outputs); timing.json's rate covers the replay and the outputs.
cold_rate=0
for _ in $(seq "$cold_runs"); do
  src/Bookmaker.Cli/bin/Release/net10.0/bookmaker backtest --profile backtest-btc --data "$data" \
    --instrument BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005 --out "$out/cold" >/dev/null
  rate="$(sed -E 's/.*"events_per_second":([0-9]+).*/\1/' "$out/cold/timing.json")"
  echo "cold CLI: $(cat "$out/cold/timing.json")"
  if [ "$rate" -gt "$cold_rate" ]; then cold_rate="$rate"; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$net_rate" -v k="$cold_rate" -v c="$floor_rate" 'BEGIN {
  printf "C floor %.2f M events/s; .NET warm %.2f M events/s (ratio %.3f); .NET cold CLI (best) %.2f M events/s (ratio %.3f)\n",
    c / 1e6, n / 1e6, n / c, k / 1e6, k / c }'
