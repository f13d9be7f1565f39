using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage.Execution;
using FsCheck;
using FsCheck.Fluent;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

public sealed class BasketExecutorPropertyTests
{
    /// <summary>
    /// Scripts every order of a basket from a seed: entry legs fill, are rejected, part fill (FAK) or get no answer;
    /// the first few repair orders do the same, after that the venue fills (it cannot refuse forever). Part fills
    /// leave at least the minimum size on both sides, as a real venue's do above the minimum order size.
    /// </summary>
    private static Func<OrderRequest, LegScript> Script(int seed, bool fak)
    {
        var rng = new Random(seed);
        int repairsLeft = rng.Next(0, 4);
        return r =>
        {
            bool entry = r.Tag is { } tag && !tag.Contains(':', StringComparison.Ordinal);
            if (!entry && repairsLeft-- <= 0) return new LegScript(LegAnswer.Fill);
            long units = r.Size.Raw / Quantity.FromUnits(1).Raw;
            bool canPart = (fak || !entry) && units >= 10;
            int pick = rng.Next(canPart ? 4 : 3);
            return pick switch
            {
                0 => new LegScript(LegAnswer.Fill),
                1 => new LegScript(LegAnswer.Reject),
                2 => new LegScript(LegAnswer.Silent),
                _ => new LegScript(LegAnswer.Partial, Quantity.FromUnits(rng.Next(5, (int)units - 4))),
            };
        };
    }

    [Fact]
    public void After_any_sequence_of_leg_outcomes_the_position_is_a_complete_set_or_flat_within_the_unwind_timeout()
    {
        var cases = from seed in Gen.Choose(0, int.MaxValue - 1)
                    from legs in Gen.Elements(2, 3)
                    from fak in Gen.Elements(false, true)
                    from runAway in Gen.Elements(false, true)
                    select (seed, legs, fak, runAway);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var executor = BasketExecutorOptions.Default with { LegTimeInForce = c.fak ? TimeInForce.Fak : TimeInForce.Fok };
            using var h = new ArbHarness(negRiskOutcomes: c.legs == 2 ? 0 : 3, executor: executor);
            h.Venue.Script = Script(c.seed, c.fak);
            if (c.legs == 2)
            {
                h.Book(h.Yes, "0.38", "100", "0.40", "50");
                h.Book(h.No, "0.53", "100", "0.55", "50");
            }
            else
            {
                foreach (var leg in h.Legs) h.Book(leg, "0.28", "100", "0.30", "50");
            }

            h.Drain();
            // Half the cases: the book runs away from the short legs, so completing breaches the loss cap and
            // the policy unwinds instead.
            // (The mid stays within the gate's fat-finger band of the unwind's limit.)
            if (c.runAway) h.Book(h.Legs[^1], c.legs == 2 ? "0.53" : "0.28", "100", c.legs == 2 ? "0.65" : "0.40", "50");
            h.Run(executor.UnwindTimeout);

            bool hedged = h.IsCompleteSetOrFlat();
            bool settled = h.Executor.InFlight.Count == 0 && h.Executor.Finished.Count == 1;
            return (hedged && settled).Label($"held {string.Join(", ", h.Legs.Select(h.Held))}; in flight {h.Executor.InFlight.Count}");
        }).QuickCheckThrowOnFailure();
    }
}
