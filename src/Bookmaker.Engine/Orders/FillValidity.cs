using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// The checks every fill passes before it may touch the portfolio, whether its order is known or not: the instrument is
/// ours, the price is one the instrument can trade at, the size is positive, fees and rebates are not negative, and fee shares (a BUY's fee kept in
/// shares) lie between zero and the size.
/// </summary>
/// <remarks>
/// The price is checked against the instrument's hard bounds, not its current tick: a tick can change at run time
/// (Polymarket <c>tick_size_change</c>), and a fill made on the earlier tick is still real. For an outcome token the
/// bounds are (0, 1) whatever the tick, since the tick-derived bounds move with it; for other instruments they are
/// [<see cref="Instrument.MinPrice"/>, <see cref="Instrument.MaxPrice"/>].
/// </remarks>
internal static class FillValidity
{
    /// <summary>Why <paramref name="fill"/> cannot be real, or null when it passes; <paramref name="instrument"/> is null when unknown.</summary>
    public static string? Problem(Fill fill, Instrument? instrument)
    {
        if (instrument is null) return "unknown instrument";
        if (fill.Size.Raw <= 0) return "size is not positive";
        if (fill.Fee.Raw < 0 || fill.Rebate.Raw < 0) return "negative fee or rebate";
        if (fill.FeeShares.Raw < 0 || fill.FeeShares > fill.Size) return "fee shares outside 0..size";
        if (fill.FeeShares.Raw > 0 && fill.Side != Side.Buy) return "fee shares on a sell";
        bool inBounds = instrument.IsOutcomeToken
            ? fill.Price.Raw > 0 && fill.Price < Price.One
            : fill.Price >= instrument.MinPrice && fill.Price <= instrument.MaxPrice;
        return inBounds ? null : $"price outside the instrument's bounds ({Bounds(instrument)})";
    }

    private static string Bounds(Instrument instrument) =>
        instrument.IsOutcomeToken ? "0 < price < 1" : $"{instrument.MinPrice}..{instrument.MaxPrice}";
}
