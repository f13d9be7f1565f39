using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>Prices that stay passive against a book: pure, allocation-free helpers of the market maker's quoting.</summary>
internal static class PassivePrices
{
    /// <summary>Passive unwind price: one tick inside the touch on the reducing side, never crossing (as the hold-time guard).</summary>
    public static Price Unwind(Side side, in BookTop top, Instrument instrument)
    {
        Price tick = instrument.TickSize;
        Price p;
        if (side == Side.Sell)
        {
            p = top.HasAsk ? (top.BestAsk - tick).CeilTo(tick) : instrument.MaxPrice;
            if (top.HasBid) p = Price.Max(p, (top.BestBid + tick).CeilTo(tick));
        }
        else
        {
            p = top.HasBid ? (top.BestBid + tick).FloorTo(tick) : instrument.MinPrice;
            if (top.HasAsk) p = Price.Min(p, (top.BestAsk - tick).FloorTo(tick));
        }

        return Price.Min(Price.Max(p, instrument.MinPrice), instrument.MaxPrice);
    }

    /// <summary>Keeps a complement order passive against the complement's own book; false when it cannot be.</summary>
    public static bool Clamp(ref Price price, Side side, in BookTop top, Instrument instrument)
    {
        Price tick = instrument.TickSize;
        if (side == Side.Buy && top.HasAsk) price = Price.Min(price, (top.BestAsk - tick).FloorTo(tick));
        if (side == Side.Sell && top.HasBid) price = Price.Max(price, (top.BestBid + tick).CeilTo(tick));
        return instrument.IsValidPrice(price);
    }
}
