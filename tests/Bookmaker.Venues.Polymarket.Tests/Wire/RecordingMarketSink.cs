using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Tests.Wire;

/// <summary>Keeps every delivered event; snapshots are copied because the parser reuses its instance.</summary>
internal sealed class RecordingMarketSink : IMarketChannelSink
{
    public List<MarketDataEvent> Events { get; } = [];

    public List<BookSnapshot> Snapshots { get; } = [];

    public List<(int Instrument, Price Bid, Price Ask, long Ticks)> BestBidAsks { get; } = [];

    public List<(MalformedReason Reason, int Instrument)> Malformed { get; } = [];

    public void OnMarketData(in MarketDataEvent marketData)
    {
        if (marketData.Snapshot is { } s)
        {
            var copy = new BookSnapshot();
            copy.Bids.AddRange(s.Bids);
            copy.Asks.AddRange(s.Asks);
            Snapshots.Add(copy);
            Events.Add(marketData with { Snapshot = copy });
            return;
        }

        Events.Add(marketData);
    }

    public void OnBestBidAsk(int instrumentIndex, Price bestBid, Price bestAsk, long venueTimeTicks) =>
        BestBidAsks.Add((instrumentIndex, bestBid, bestAsk, venueTimeTicks));

    public List<MarketResolvedMessage> Resolved { get; } = [];

    public void OnMalformed(MalformedReason reason, int instrumentIndex, ReadOnlySpan<byte> frame) =>
        Malformed.Add((reason, instrumentIndex));

    public void OnMarketResolved(ReadOnlySpan<byte> frame) => Resolved.AddRange(MarketResolvedMessage.Read(frame));
}
