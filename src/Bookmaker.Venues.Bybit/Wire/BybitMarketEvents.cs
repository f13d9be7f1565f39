using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Bybit.Wire;

/// <summary>Where <see cref="BybitMarketEvents"/> puts the events of one message (a struct: calls devirtualize, nothing allocates).</summary>
public interface IMarketEventTarget
{
    /// <summary>Takes one event.</summary>
    void Add(in MarketDataEvent e);
}

/// <summary>
/// A decoded order-book delta or trades message as the engine's <see cref="MarketDataEvent"/>s, the one translation the
/// live feed and the backtest reader share: every level with <c>Sequence = u</c> and <c>PreviousSequence = u − 1</c> (the
/// book checks the link once per message), the last event of the message marked, prints with their match time.
/// </summary>
public static class BybitMarketEvents
{
    /// <summary>Venue time of a message or print, UTC ticks, from unix milliseconds.</summary>
    public static long Ticks(long unixMs) => DateTime.UnixEpoch.Ticks + unixMs * TimeSpan.TicksPerMillisecond;

    /// <summary>The delta's levels, bids then asks, for instrument <paramref name="slot"/> received at <paramref name="receiveTicks"/>.</summary>
    public static void Delta<T>(BybitPublicMessage m, int slot, long receiveTicks, ref T target) where T : struct, IMarketEventTarget
    {
        ArgumentNullException.ThrowIfNull(m);
        long u = m.UpdateId, venue = Ticks(m.TimeMs);
        var bids = m.Bids;
        var asks = m.Asks;
        int total = bids.Count + asks.Count, n = 0;
        for (int i = 0; i < bids.Count; i++)
            target.Add(new MarketDataEvent(MarketDataKind.LevelUpdate, slot, Side.Buy, bids.Prices[i], bids.Sizes[i], u, u - 1, venue, receiveTicks, ++n == total));
        for (int i = 0; i < asks.Count; i++)
            target.Add(new MarketDataEvent(MarketDataKind.LevelUpdate, slot, Side.Sell, asks.Prices[i], asks.Sizes[i], u, u - 1, venue, receiveTicks, ++n == total));
    }

    /// <summary>
    /// A <c>priceLimit</c> message as the band's two sides (<see cref="MarketDataKind.PriceBand"/>: Buy carries
    /// <c>buyLmt</c>, Sell <c>sellLmt</c>), for the risk gate.
    /// </summary>
    public static void PriceBand<T>(BybitPublicMessage m, int slot, long receiveTicks, ref T target) where T : struct, IMarketEventTarget
    {
        ArgumentNullException.ThrowIfNull(m);
        long venue = m.TimeMs > 0 ? Ticks(m.TimeMs) : receiveTicks;
        target.Add(new MarketDataEvent(MarketDataKind.PriceBand, slot, Side.Buy, m.BuyLimit, default, 0, 0, venue, receiveTicks, false));
        target.Add(new MarketDataEvent(MarketDataKind.PriceBand, slot, Side.Sell, m.SellLimit, default, 0, 0, venue, receiveTicks, true));
    }

    /// <summary>The message's prints for instrument <paramref name="slot"/>.</summary>
    public static void Trades<T>(BybitPublicMessage m, int slot, long receiveTicks, ref T target) where T : struct, IMarketEventTarget
    {
        ArgumentNullException.ThrowIfNull(m);
        var t = m.Trades;
        for (int i = 0; i < t.Count; i++)
            target.Add(new MarketDataEvent(MarketDataKind.Trade, slot, t.Aggressors[i], t.Prices[i], t.Sizes[i], 0, 0, Ticks(t.TimesMs[i]), receiveTicks));
    }
}
