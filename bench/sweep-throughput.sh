#!/usr/bin/env bash
# Sweep throughput (issue 14): runs per minute of a 16-run grid over the shared Binance USD-M file, 2 runs at a time.
# Usage: bench/sweep-throughput.sh [out-dir]   (from anywhere; builds the CLI in Release first). Prints the figure and
# the load average before and after, since the machine may be shared.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/bookmaker-sweep-bench}
dotnet build src/Bookmaker.Cli -c Release -v q -nologo >/dev/null
rm -rf "$out"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
src/Bookmaker.Cli/bin/Release/net10.0/bookmaker sweep --profile backtest-btc \
  --data ../shared/data/binance/usdm_btcusdt_20240808.gz \
  --instrument BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005 \
  --grid MarketMaker:MinSpreadBps=6,8,12,16 --grid MarketMaker:OrderNotional=100,200,300,400 \
  --parallel 2 --out "$out" >"$out.log"
end=$(date +%s.%N)
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
runs=$(ls -d "$out"/runs/*/ | wc -l)
python3 -c "w=$end-$start; print(f'{$runs} runs in {w:.1f} s wall = {$runs/w*60:.1f} runs/min')"
