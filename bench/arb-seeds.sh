#!/usr/bin/env bash
# Paper arbitrage over seeds 1-10 (issue 15): one line per seed with attempts, successes, unwinds, misses, P&L,
# evaluations held back by the own-fill echo guard and killed entry legs, then the mean and spread of the P&L.
# Usage: bench/arb-seeds.sh [duration]   (from anywhere; builds the CLI in Release first; default 2h simulated)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-2h}
dotnet build src/Bookmaker.Cli -c Release -v q -nologo >/dev/null
out=$(mktemp -d)
for seed in 1 2 3 4 5 6 7 8 9 10; do
  src/Bookmaker.Cli/bin/Release/net10.0/bookmaker paper --seed "$seed" --duration "$duration" --speed max --strategies arb \
    --journal "$out/$seed.db" --summary-json "$out/$seed.json" >/dev/null
done
python3 - "$out" <<'PY'
import json, statistics, sys
pnl = []
print("seed attempts successes unwinds misses pnl echo_waits legs_killed")
for seed in range(1, 11):
    s = json.load(open(f"{sys.argv[1]}/{seed}.json"))
    pnl.append(float(s["arb_pnl"]))
    print(seed, s["arb_attempts"], s["arb_successes"], s["arb_unwinds"], s["arb_misses"], s["arb_pnl"], s["arb_echo_waits"], s["arb_entry_legs_killed"])
print(f"mean {statistics.mean(pnl):.2f} sd {statistics.stdev(pnl):.2f} min {min(pnl):.2f} max {max(pnl):.2f}")
PY
rm -rf "$out"
