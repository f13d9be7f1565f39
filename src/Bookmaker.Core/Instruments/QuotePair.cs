using Bookmaker.Core.Values;

namespace Bookmaker.Core.Instruments;

/// <summary>Why a quote side could not be made valid.</summary>
public enum QuoteProblem : byte
{
    /// <summary>Valid.</summary>
    None = 0,

    /// <summary>The bid rounds below the instrument's lowest price; raising it would make it more aggressive.</summary>
    BidBelowMinimum,

    /// <summary>The ask rounds above the highest price; lowering it would make it more aggressive.</summary>
    AskAboveMaximum,

    /// <summary>The model asked for bid ≥ ask; a crossed intent is never "fixed" silently.</summary>
    Crossed,

    /// <summary>A model value was NaN or infinite.</summary>
    NotFinite,
}

/// <summary>A two-sided quote after directional rounding; each side is usable only when its problem is <see cref="QuoteProblem.None"/>.</summary>
/// <param name="Bid">Bid rounded down to the tick (and down to max − tick when above).</param>
/// <param name="Ask">Ask rounded up to the tick (and up to min + tick when below).</param>
/// <param name="BidProblem">Why the bid is unusable, if it is.</param>
/// <param name="AskProblem">Why the ask is unusable, if it is.</param>
public readonly record struct QuotePair(Price Bid, Price Ask, QuoteProblem BidProblem, QuoteProblem AskProblem)
{
    /// <summary>True when the bid may be sent.</summary>
    public bool HasBid => BidProblem == QuoteProblem.None;

    /// <summary>True when the ask may be sent.</summary>
    public bool HasAsk => AskProblem == QuoteProblem.None;

    /// <summary>
    /// Makes a (bid, ask) pair valid for <paramref name="instrument"/>: bids round down and asks up to the tick; a side
    /// may only be moved in its passive direction (a bid down, an ask up) to fit the bounds; if that cannot fit, the
    /// side is refused. Result guarantees: every usable side is on tick and inside the bounds, and bid &lt; ask when
    /// both are usable.
    /// </summary>
    public static QuotePair Make(Price bid, Price ask, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Price tick = instrument.TickSize;
        if (bid >= ask)
            return new QuotePair(bid, ask, QuoteProblem.Crossed, QuoteProblem.Crossed);

        Price b = Price.Min(bid.FloorTo(tick), instrument.MaxPrice - tick);
        Price a = Price.Max(ask.CeilTo(tick), instrument.MinPrice + tick);
        var bp = b < instrument.MinPrice ? QuoteProblem.BidBelowMinimum : QuoteProblem.None;
        var ap = a > instrument.MaxPrice ? QuoteProblem.AskAboveMaximum : QuoteProblem.None;
        return new QuotePair(b, a, bp, ap);
    }

    /// <summary>The same from model doubles; NaN or infinity refuses that side.</summary>
    public static QuotePair FromModel(double bid, double ask, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!double.IsFinite(bid) || !double.IsFinite(ask) || Math.Abs(bid) > 9e9 || Math.Abs(ask) > 9e9)
            return new QuotePair(default, default, QuoteProblem.NotFinite, QuoteProblem.NotFinite);
        if (bid >= ask)
            return new QuotePair(default, default, QuoteProblem.Crossed, QuoteProblem.Crossed);
        Price tick = instrument.TickSize;
        return Make(Price.FromModelBid(bid, tick), Price.FromModelAsk(ask, tick), instrument);
    }
}
