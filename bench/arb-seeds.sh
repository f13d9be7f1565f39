#!/usr/bin/env bash
# Paper arbitrage over seeds 1-10 (issue 15): one line per seed with attempts, successes, unwinds, misses, P&L,
# evaluations held back by the own-fill echo guard and killed entry legs, then the mean and spread of the P&L.
# With a scenario (liquid, thin or a profile JSON; issue 15 4e) the flow is the profile's, with its neg-risk event and
# competing arbitrageurs, and the journal adds: opportunities, successes completed after a lost leg (repairs),
# unwinds that followed our own fill on a leg within 250 ms at the price we had just taken (the own-fill echo proxy),
# and realised against expected edge summed over the successes.
# Usage: bench/arb-seeds.sh [duration] [scenario] [extra paper args...]
#   (from anywhere; builds the CLI in Release first; default 2h simulated, default flow)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-2h}
scenario=${2:-}
shift $(( $# > 2 ? 2 : $# ))
dotnet build src/Bookmaker.Cli -c Release -v q -nologo >/dev/null
out=$(mktemp -d)
for seed in 1 2 3 4 5 6 7 8 9 10; do
  src/Bookmaker.Cli/bin/Release/net10.0/bookmaker paper --seed "$seed" --duration "$duration" --speed max --strategies arb \
    ${scenario:+--scenario "$scenario"} "$@" --journal "$out/$seed.db" --summary-json "$out/$seed.json" >/dev/null
done
python3 - "$out" <<'PY'
import json, sqlite3, statistics, sys
out = sys.argv[1]
pnl, totals = [], dict(opp=0, att=0, suc=0, unw=0, mis=0, rep=0, echo=0, real=0.0, exp=0.0)
echo_window = 250 * 10_000  # 250 ms in ticks
print("seed opportunities attempts successes repaired unwinds echo_unwinds misses pnl realised/expected echo_waits legs_killed")
for seed in range(1, 11):
    s = json.load(open(f"{out}/{seed}.json"))
    db = sqlite3.connect(f"{out}/{seed}.db")
    rows = db.execute("select time_ticks, json_extract(payload, '$.text') from entries where kind = 99 and payload like '%arb_%'").fetchall()
    last_fill, attempts, rep, echo, real, exp = {}, {}, 0, 0, 0.0, 0.0
    for t, text in rows:
        try:
            e = json.loads(text)
        except (TypeError, ValueError):
            continue
        ev = e.get("event")
        if ev == "arb_attempt":
            attempts[e["basket"]] = (t, [(l.get("instrument"), l.get("limit")) for l in e.get("legs", [])])
        elif ev == "arb_fill":
            last_fill[(e["instrument"], e["price"])] = (t, e["basket"])
        elif ev == "arb_outcome":
            if e["outcome"] == "Success":
                real += float(e["pnl"]); exp += float(e["expected"]); rep += e.get("repairs", 0) > 0
            elif e["outcome"] == "Unwound":
                ta, legs = attempts.get(e["basket"], (None, []))
                if ta is not None and any((k in last_fill and last_fill[k][1] != e["basket"] and 0 <= ta - last_fill[k][0] <= echo_window) for k in legs):
                    echo += 1
    pnl.append(float(s["arb_pnl"]))
    ratio = f"{real:.2f}/{exp:.2f}"
    print(seed, s["arb_opportunities"], s["arb_attempts"], s["arb_successes"], rep, s["arb_unwinds"], echo, s["arb_misses"], s["arb_pnl"], ratio, s["arb_echo_waits"], s["arb_entry_legs_killed"])
    for k, v in dict(opp=s["arb_opportunities"], att=s["arb_attempts"], suc=s["arb_successes"], unw=s["arb_unwinds"], mis=s["arb_misses"], rep=rep, echo=echo, real=real, exp=exp).items():
        totals[k] += v
print(f"mean {statistics.mean(pnl):.2f} sd {statistics.stdev(pnl):.2f} min {min(pnl):.2f} max {max(pnl):.2f}")
t = totals
share = f"{100 * t['real'] / t['exp']:.0f} %" if t["exp"] else "n/a"
print(f"total opportunities {t['opp']} attempts {t['att']} successes {t['suc']} (repaired {t['rep']}) unwinds {t['unw']} "
      f"(own-fill echo {t['echo']}) misses {t['mis']}; successes realised {t['real']:.2f} of {t['exp']:.2f} expected ({share})")
PY
rm -rf "$out"
