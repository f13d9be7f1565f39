#!/usr/bin/env bash
# Issue 14's figure in one go: the C floor (gunzip + hand-written parse + array-book apply of the shared USD-M file)
# and the .NET end-to-end backtest of the same file (BenchmarkDotNet, warm, in-process), then the ratio. Run from the
# repository root after `dotnet build bench/Bookmaker.Benchmarks -c Release`. JOB=short (default) or JOB=dry.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${DATA:-../shared/data/binance/usdm_btcusdt_20240808.gz}"
job="${JOB:-short}"
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
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v n="$net_rate" -v c="$floor_rate" 'BEGIN { printf "backtest end to end: .NET %.2f M events/s, C floor %.2f M events/s, ratio %.3f\n", n / 1e6, c / 1e6, n / c }'
