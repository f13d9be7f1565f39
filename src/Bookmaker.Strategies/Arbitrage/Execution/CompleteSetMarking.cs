using Bookmaker.Core.Instruments;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// Values a portfolio the way an arbitrage book must be valued (for the engine's run summary): complete sets at
/// exactly $1 (<see cref="CompleteSetValuation"/>) — a binary market's min(YES, NO), then, across a neg-risk event,
/// the smallest remaining YES holding of its outcomes (only when every outcome of the event is registered) — and
/// everything else at its mark. Marking the two legs of a held set at their bids would show a loss that does not
/// exist (the set merges into $1).
/// </summary>
public static class CompleteSetMarking
{
    /// <summary>Value of every position; <paramref name="mark"/> gives each instrument's mark (e.g. the engine's mid).</summary>
    public static Money PositionsValue(IPortfolioView portfolio, InstrumentRegistry instruments, Func<Instrument, Price> mark)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(mark);
        var remaining = new long[instruments.Count];
        foreach (var p in portfolio.Positions) remaining[p.Instrument.Index] = p.Quantity.Raw;

        long value = 0;
        // 1. Binary complete sets: YES + NO of one market.
        foreach (var inst in instruments.All)
        {
            if (inst.Outcome is not { IsYes: true } links || !instruments.TryGet(links.Complement, out var no)) continue;
            long sets = Math.Max(0, Math.Min(remaining[inst.Index], remaining[no.Index]));
            if (sets == 0) continue;
            value = checked(value + sets);
            remaining[inst.Index] -= sets;
            remaining[no.Index] -= sets;
        }

        // 2. Neg-risk sets: one YES of every outcome of an event.
        foreach (var group in instruments.All.Where(i => i.Outcome is { IsYes: true, NegRiskEventId: not null })
                     .GroupBy(i => i.Outcome!.NegRiskEventId!, StringComparer.Ordinal))
        {
            var legs = group.ToArray();
            if (legs.Length < 3) continue;
            var held = legs.Select(l => new Quantity(remaining[l.Index])).ToArray();
            long sets = CompleteSetValuation.CompleteSets(held).Raw;
            if (sets == 0) continue;
            value = checked(value + sets);
            foreach (var l in legs) remaining[l.Index] -= sets;
        }

        // 3. The rest at its mark (rounded down: a valuation never flatters).
        foreach (var inst in instruments.All)
        {
            long q = remaining[inst.Index];
            if (q == 0) continue;
            value = checked(value + FixedPoint.MultiplyScaled(q, mark(inst).Raw, MidpointRounding.ToNegativeInfinity));
        }

        return new Money(value);
    }

    /// <summary>Cash plus <see cref="PositionsValue"/>: equity with complete sets at $1.</summary>
    public static Money Equity(IPortfolioView portfolio, InstrumentRegistry instruments, Func<Instrument, Price> mark)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        return portfolio.Cash + PositionsValue(portfolio, instruments, mark);
    }
}
