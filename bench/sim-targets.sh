#!/usr/bin/env bash
# Issue 15's targets on the default paper scenario (the built-in 'liquid' flow profile) over seeds 1-10
# (docs/simulation-calibration.md):
#  - the flow targets (T1, T4, T6, T7, T8) from `bookmaker calibrate --check liquid --seeds 10 --duration 1h`;
#  - our market maker's targets (T2, T3, T5) from `paper --strategies mm --duration <hours>` per seed on the defaults
#    (the same runs tests/Bookmaker.Cli.Tests/Calibration/MarketMakerTargetTests.cs makes);
#  - the paper throughput: `paper --markets 10 --duration 1h` (market maker and arbitrage) per seed, wall time.
# BEFORE=1 adds the same market-maker runs on the first, uncalibrated flow (--scenario stress) for the "before" row.
# Usage: bench/sim-targets.sh [seeds=10] [mm-duration=6h]
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${1:-10}; DURATION=${2:-6h}
dotnet build src/Bookmaker.Cli -c Release -v q -nologo >/dev/null
BIN=src/Bookmaker.Cli/bin/Release/net10.0/bookmaker
OUT=$(mktemp -d)
export BOOKMAKER__Http__Listen=off
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" calibrate --check liquid --seed 1 --seeds "$SEEDS" --duration 1h
scenarios=(liquid); [ "${BEFORE:-0}" = 1 ] && scenarios+=(stress)
for scenario in "${scenarios[@]}"; do
  for s in $(seq 1 "$SEEDS"); do
    extra=(); [ "$scenario" = liquid ] || extra=(--scenario "$scenario")
    "$BIN" paper "${extra[@]}" --strategies mm --duration "$DURATION" --speed max --seed "$s" \
      --journal "$OUT/mm-$scenario-$s.db" --summary-json "$OUT/mm-$scenario-$s.json" >/dev/null
  done
done
for s in $(seq 1 "$SEEDS"); do
  "$BIN" paper --markets 10 --duration 1h --speed max --seed "$s" --journal "$OUT/tp-$s.db" --summary-json "$OUT/tp-$s.json" >/dev/null
done
python3 - "$OUT" "$SEEDS" "${scenarios[@]}" <<'PY'
import json, statistics, sys
out, seeds, scenarios = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def ms(v): return f"{statistics.mean(v):.3f} ± {statistics.pstdev(v):.3f}"
for scenario in scenarios:
    rows = [json.load(open(f"{out}/mm-{scenario}-{s}.json")) for s in range(1, seeds + 1)]
    pnl = [r["realized_pnl"] + r["unrealized_pnl"] - r["fees"] + r["rebates"] for r in rows]
    day = [p / 1000 * 100 * 24 / (r["sim_seconds"] / 3600) for p, r in zip(pnl, rows)]   # % of the $1,000 a day
    bps = sum(pnl) / sum(r["volume"] for r in rows) * 1e4 if sum(r["volume"] for r in rows) else 0
    print(f"{scenario} (market maker alone): P&L/run {ms(pnl)} $; % of capital per day {ms(day)} "
          f"(seeds inside ±1: {sum(-1 <= d <= 1 for d in day)}/{seeds}); pooled {bps:.1f} bps of volume; "
          f"fills {ms([r['fills'] for r in rows])}; volume {ms([r['volume'] for r in rows])} $")
    print(f"  T5 (mean within ±1 %/day, pooled <= 20 bps): {'holds' if -1 <= statistics.mean(day) <= 1 and bps <= 20 else 'does not hold'}")
    if "fill_markout_10s_median_ticks" in rows[0]:
        m10 = [r["fill_markout_10s_median_ticks"] for r in rows]
        m60 = [r["fill_markout_60s_mean_ticks"] for r in rows]
        adv = [r["fill_adverse_10s_share"] * 100 for r in rows]
        print(f"  T2 median 10 s markout: median of seeds {statistics.median(m10):+.2f} tick (seeds in [-1, 0]: {sum(-1 <= v <= 0 for v in m10)}/{seeds}); "
              f"mean 60 s {ms(m60)} tick (seeds in [-1, 0.25]: {sum(-1 <= v <= 0.25 for v in m60)}/{seeds})")
        print(f"  T3 share adverse at 10 s {ms(adv)} % (seeds in [45, 65]: {sum(45 <= v <= 65 for v in adv)}/{seeds})")
wall = [json.load(open(f"{out}/tp-{s}.json"))["wall_seconds"] for s in range(1, seeds + 1)]
print(f"throughput: paper --markets 10 --duration 1h (mm + arb): wall {ms(wall)} s (max {max(wall):.1f}, bar 60 s)")
PY
