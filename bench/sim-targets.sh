#!/usr/bin/env bash
# Issue 15's targets on the built-in 'liquid' flow profile over seeds 1-10 (docs/simulation-calibration.md):
#  - the flow targets (T1, T4, T6, T7, T8) from `bookmaker calibrate --check liquid --seeds 10 --duration 1h`;
#  - our market maker's P&L (T5) and the paper throughput from `paper --scenario liquid --markets 10 --duration 1h`
#    per seed, beside the same runs on the default (uncalibrated) flow ("before").
# Usage: bench/sim-targets.sh [seeds=10] [duration=1h] [markets=10]
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${1:-10}; DURATION=${2:-1h}; MARKETS=${3:-10}
dotnet build src/Bookmaker.Cli -c Release -v q -nologo >/dev/null
BIN=src/Bookmaker.Cli/bin/Release/net10.0/bookmaker
OUT=$(mktemp -d)
export BOOKMAKER__Http__Listen=off
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" calibrate --check liquid --seed 1 --seeds "$SEEDS" --duration "$DURATION"
for scenario in default liquid; do
  for s in $(seq 1 "$SEEDS"); do
    extra=(); [ "$scenario" = default ] || extra=(--scenario "$scenario")
    "$BIN" paper "${extra[@]}" --markets "$MARKETS" --duration "$DURATION" --speed max --seed "$s" \
      --journal "$OUT/$scenario-$s.db" --summary-json "$OUT/$scenario-$s.json" >/dev/null
  done
done
python3 - "$OUT" "$SEEDS" "$DURATION" <<'PY'
import json, statistics, sys
out, seeds, duration = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for scenario in ("default", "liquid"):
    rows = [json.load(open(f"{out}/{scenario}-{s}.json")) for s in range(1, seeds + 1)]
    hours = rows[0]["sim_seconds"] / 3600
    pnl = [r["realized_pnl"] + r["unrealized_pnl"] - r["fees"] + r["rebates"] for r in rows]
    mm_day = [p / 1000 * 100 * 24 / hours for p in pnl]      # % of the $1,000 starting cash per day
    bps = [p / r["volume"] * 1e4 if r["volume"] else 0 for p, r in zip(pnl, rows)]
    wall = [r["wall_seconds"] for r in rows]
    def ms(v): return f"{statistics.mean(v):.3f} ± {statistics.pstdev(v):.3f}"
    print(f"{scenario}: P&L/run {ms(pnl)} $; % of capital per day {ms(mm_day)}; bps of volume {ms(bps)}; "
          f"fills {ms([r['fills'] for r in rows])}; volume {ms([r['volume'] for r in rows])} $; wall {ms(wall)} s (max {max(wall):.1f})")
    inside = sum(1 for d, b in zip(mm_day, bps) if -1 <= d <= 1 and b <= 20)
    print(f"  T5 (within ±1 %/day and <= 20 bps of volume): {inside}/{seeds} seeds")
    if "fill_markout_10s_median_ticks" in rows[0]:
        m10 = [r["fill_markout_10s_median_ticks"] for r in rows]
        m60 = [r["fill_markout_60s_mean_ticks"] for r in rows]
        adv = [r["fill_adverse_10s_share"] * 100 for r in rows]
        print(f"  T2 median 10 s markout {ms(m10)} ticks (in [-1, 0]: {sum(-1 <= v <= 0 for v in m10)}/{seeds}); "
              f"mean 60 s {ms(m60)} ticks (in [-1, 0.25]: {sum(-1 <= v <= 0.25 for v in m60)}/{seeds})")
        print(f"  T3 share adverse at 10 s {ms(adv)} % (in [45, 65]: {sum(45 <= v <= 65 for v in adv)}/{seeds})")
PY
