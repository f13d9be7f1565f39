using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// Receives what <see cref="MarketChannelParser"/> decodes. Calls happen synchronously inside
/// <see cref="MarketChannelParser.Parse{TSink}(ReadOnlySpan{byte}, long, TSink)"/>; a
/// <see cref="MarketDataEvent.Snapshot"/> is a reused instance, valid only during the call — copy what you keep.
/// A struct implementation lets the JIT devirtualize the calls.
/// </summary>
public interface IMarketChannelSink
{
    /// <summary>A normalized event (snapshot, level update, trade, tick change).</summary>
    void OnMarketData(in MarketDataEvent marketData);

    /// <summary>A <c>best_bid_ask</c> event (sent only with <c>custom_feature_enabled</c>).</summary>
    void OnBestBidAsk(int instrumentIndex, Price bestBid, Price bestAsk, long venueTimeTicks);

    /// <summary>
    /// A message or entry was unusable. <paramref name="instrumentIndex"/> is the affected instrument, or −1 when it
    /// cannot be told (then, if <see cref="MalformedReasonExtensions.InvalidatesBooks"/>, every book on the
    /// connection is suspect). <paramref name="frame"/> is the whole frame, for rate-limited logging.
    /// </summary>
    void OnMalformed(MalformedReason reason, int instrumentIndex, ReadOnlySpan<byte> frame);

    /// <summary>
    /// The frame holds a <c>market_resolved</c> event (once per such event; a frame that is an array may hold several).
    /// Rare, so the whole frame is handed over to be decoded by <see cref="MarketResolvedMessage.Read"/>. Ignored by default.
    /// </summary>
    void OnMarketResolved(ReadOnlySpan<byte> frame)
    {
    }
}
