using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage;

/// <summary>
/// Marks held outcome tokens the way an arbitrage book should: a complete set is worth exactly $1 — not the sum of
/// two bids — because it can be merged into $1 (binary: 1 YES + 1 NO → $1 through the CTF, reference §8.2) or, for a
/// neg-risk event, because exactly one outcome resolves YES, so one YES of every outcome pays $1 at resolution. Only
/// the tokens beyond the complete sets are marked at their own marks (rounded down: a valuation never flatters).
/// </summary>
public static class CompleteSetValuation
{
    /// <summary>Value of a binary market's YES and NO holdings: min(yes, no) sets at $1, the rest at its mark.</summary>
    public static Money Binary(Quantity yes, Quantity no, Price yesMark, Price noMark)
    {
        long sets = Math.Max(0, Math.Min(yes.Raw, no.Raw));
        return new Money(checked(sets
            + Mark(yes.Raw - sets, yesMark)
            + Mark(no.Raw - sets, noMark)));
    }

    /// <summary>
    /// Value of YES holdings across every outcome of a neg-risk event (one entry per outcome, all of them): the
    /// smallest holding is that many full sets at $1, each outcome's excess at its mark.
    /// </summary>
    public static Money NegRisk(ReadOnlySpan<Quantity> yesHeld, ReadOnlySpan<Price> marks)
    {
        if (yesHeld.Length != marks.Length) throw new ArgumentException("one mark per outcome", nameof(marks));
        if (yesHeld.IsEmpty) return Money.Zero;
        long sets = long.MaxValue;
        foreach (var q in yesHeld) sets = Math.Min(sets, q.Raw);
        sets = Math.Max(0, sets);
        long value = sets;
        for (int i = 0; i < yesHeld.Length; i++) value = checked(value + Mark(yesHeld[i].Raw - sets, marks[i]));
        return new Money(value);
    }

    /// <summary>Complete sets held: the smallest holding across the legs (zero if any is short or empty).</summary>
    public static Quantity CompleteSets(ReadOnlySpan<Quantity> held)
    {
        if (held.IsEmpty) return Quantity.Zero;
        long sets = long.MaxValue;
        foreach (var q in held) sets = Math.Min(sets, q.Raw);
        return new Quantity(Math.Max(0, sets));
    }

    private static long Mark(long quantity, Price mark) =>
        FixedPoint.MultiplyScaled(quantity, mark.Raw, MidpointRounding.ToNegativeInfinity);
}
