using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// Delivery of the messages about one asset once it is known to be ours: <c>book</c> as a
/// <see cref="MarketDataKind.Snapshot"/>, <c>tick_size_change</c>, <c>last_trade_price</c> as a
/// <see cref="MarketDataKind.Trade"/> and <c>best_bid_ask</c> to <see cref="IMarketChannelSink.OnBestBidAsk"/> — each
/// refused (and reported for the asset) when a field it needs is missing or outside what the venue can send.
/// </summary>
internal static class AssetMessages
{
    /// <summary>Delivers one message of type <see cref="MarketMessageFields.Type"/> about <paramref name="asset"/>.</summary>
    public static void Deliver<TSink>(ref MarketMessageFields m, int asset, BookSnapshot snapshot, MarketChannelCounters counters,
        ReadOnlySpan<byte> frame, long receiveTicks, TSink sink)
        where TSink : IMarketChannelSink
    {
        switch (m.Type)
        {
            case MarketEventType.Book:
                BookMessage.SortBestFirst(snapshot);
                counters.Books++;
                sink.OnMarketData(new MarketDataEvent(
                    MarketDataKind.Snapshot, asset, Side.Buy, Price.Zero, Quantity.Zero, 0, 0, m.VenueTicks, receiveTicks,
                    EndOfMessage: true, Snapshot: snapshot));
                break;
            case MarketEventType.TickSizeChange:
                if (!m.HasNewTick || !WireRanges.IsOutcomePrice(m.NewTick))
                {
                    MalformedReports.Report(counters, m.HasNewTick ? MalformedReason.OutOfRange : MalformedReason.MissingField, asset, frame, sink);
                    return;
                }

                counters.TickSizeChanges++;
                sink.OnMarketData(new MarketDataEvent(
                    MarketDataKind.TickSizeChange, asset, Side.Buy, m.NewTick, Quantity.Zero, 0, 0, m.VenueTicks, receiveTicks));
                break;
            case MarketEventType.LastTradePrice:
                if (!(m.HasPrice && m.HasSize && m.HasSide))
                {
                    MalformedReports.Report(counters, MalformedReason.MissingField, asset, frame, sink);
                    return;
                }

                if (!WireRanges.IsOutcomePrice(m.Price) || m.Size.Raw <= 0)
                {
                    MalformedReports.Report(counters, MalformedReason.OutOfRange, asset, frame, sink);
                    return;
                }

                counters.LastTradePrices++;
                sink.OnMarketData(new MarketDataEvent(
                    MarketDataKind.Trade, asset, m.Side, m.Price, m.Size, 0, 0, m.VenueTicks, receiveTicks));
                break;
            case MarketEventType.BestBidAsk:
                if (!(m.HasBestBid && m.HasBestAsk))
                {
                    MalformedReports.Report(counters, MalformedReason.MissingField, asset, frame, sink);
                    return;
                }

                if (!WireRanges.IsBestPrice(m.BestBid) || !WireRanges.IsBestPrice(m.BestAsk))
                {
                    MalformedReports.Report(counters, MalformedReason.OutOfRange, asset, frame, sink);
                    return;
                }

                counters.BestBidAsks++;
                sink.OnBestBidAsk(asset, m.BestBid, m.BestAsk, m.VenueTicks);
                break;
        }
    }
}
