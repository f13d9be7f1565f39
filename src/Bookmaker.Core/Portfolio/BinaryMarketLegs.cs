using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// The YES and NO positions of each binary market (same <see cref="OutcomeLinks.MarketId"/>), so the portfolio can net
/// them: a NO share is a short YES share plus $1, and a YES with a NO is a complete set worth exactly $1. Registered by
/// <see cref="Portfolio"/> when a position of an outcome token is created; reads allocate nothing.
/// </summary>
internal sealed class BinaryMarketLegs
{
    private readonly Dictionary<string, Legs> _markets = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="position"/> as the YES or NO leg of its market.</summary>
    public void Add(OutcomeLinks links, Position position)
    {
        if (!_markets.TryGetValue(links.MarketId, out var legs))
        {
            legs = new Legs();
            _markets.Add(links.MarketId, legs);
        }

        if (links.IsYes) legs.Yes = position;
        else legs.No = position;
    }

    /// <summary>qty(YES) − qty(NO).</summary>
    public Quantity NetDelta(string marketId)
    {
        var (yes, no) = Of(marketId);
        return yes - no;
    }

    /// <summary>min(qty YES, qty NO), zero when either is not long.</summary>
    public Quantity CompleteSets(string marketId)
    {
        var (yes, no) = Of(marketId);
        var sets = Quantity.Min(yes, no);
        return sets.Raw > 0 ? sets : Quantity.Zero;
    }

    /// <summary>The smallest net YES delta across every outcome of a neg-risk event; zero when any is not long.</summary>
    public Quantity CompleteBaskets(ReadOnlySpan<string> eventMarketIds)
    {
        if (eventMarketIds.IsEmpty) return Quantity.Zero;
        long baskets = long.MaxValue;
        foreach (string marketId in eventMarketIds)
        {
            long q = NetDelta(marketId).Raw;
            if (q <= 0) return Quantity.Zero;
            baskets = Math.Min(baskets, q);
        }

        return new Quantity(baskets);
    }

    /// <summary>Complete sets at exactly 1, only the residual YES or NO at its mark.</summary>
    public Money Value(string marketId, Price yesMark, Price noMark)
    {
        var (yes, no) = Of(marketId);
        var sets = CompleteSets(marketId);
        return Money.Notional(Price.One, sets)
            + Money.Notional(yesMark, yes - sets)
            + Money.Notional(noMark, no - sets);
    }

    private (Quantity Yes, Quantity No) Of(string marketId)
    {
        ArgumentNullException.ThrowIfNull(marketId);
        if (!_markets.TryGetValue(marketId, out var legs)) return (Quantity.Zero, Quantity.Zero);
        return (legs.Yes?.Quantity ?? Quantity.Zero, legs.No?.Quantity ?? Quantity.Zero);
    }

    private sealed class Legs
    {
        public Position? Yes { get; set; }

        public Position? No { get; set; }
    }
}
