using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Ws;

/// <summary>
/// One market-channel connection for ≤ 500 assets (subscribed in frames of ≤ 100 ids), parsing frames with
/// <see cref="MarketChannelParser"/> into an <see cref="IVenueEventSink"/>.
/// <para>
/// <b>Book gating.</b> A book is live only after a <c>book</c> snapshot on the current connection. On every disconnect
/// each book of the connection is marked stale and a <see cref="MarketDataKind.BookInvalidated"/> is emitted; level
/// updates for a stale book are dropped until its fresh snapshot arrives. A malformed message naming an instrument
/// invalidates that book and re-subscribes it (a new snapshot follows); one that cannot be attributed invalidates
/// every book and reconnects.
/// </para>
/// Snapshots are copied into a new <see cref="BookSnapshot"/> per event: the parser reuses its own, and the engine's
/// sink hands the event to another thread.
/// </summary>
public sealed class MarketChannelClient : PolymarketSocket
{
    private readonly IReadOnlyList<string> _assets;
    private readonly AssetIndexMap _map;
    private readonly IVenueEventSink _sink;
    private readonly Action<ReadOnlySpan<byte>, long>? _rawObserver;
    private readonly MarketChannelParser _parser;
    private readonly Dictionary<int, bool> _live = [];
    private readonly string _venue;
    private MarketDataEvent _pending;
    private bool _hasPending;
    private long _gatedUpdates;

    /// <summary>Creates the connection (call <see cref="PolymarketSocket.Start"/>).</summary>
    /// <param name="marketUrl">Market channel URL (…/ws/market).</param>
    /// <param name="assetIds">Token ids of this connection (≤ 500).</param>
    /// <param name="map">Token id → instrument index (shared, read-only once built).</param>
    /// <param name="sink">Receiver of market data and status events.</param>
    /// <param name="settings">Keep-alive settings.</param>
    /// <param name="time">Clock.</param>
    /// <param name="rawObserver">Optional tap of every raw frame with its receive time (the recorder).</param>
    /// <param name="jitterSeed">Seed of the reconnect jitter.</param>
    public MarketChannelClient(Uri marketUrl, IReadOnlyList<string> assetIds, AssetIndexMap map, IVenueEventSink sink, PolymarketSocketSettings settings, TimeProvider time,
        Action<ReadOnlySpan<byte>, long>? rawObserver = null, int jitterSeed = 1)
        : base(marketUrl, settings, time, jitterSeed)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(sink);
        if (assetIds.Count is 0 or > PolymarketSubscriptions.MaxAssetsPerConnection)
            throw new ArgumentOutOfRangeException(nameof(assetIds), assetIds.Count, $"a connection carries 1 to {PolymarketSubscriptions.MaxAssetsPerConnection} assets");
        _assets = assetIds;
        _map = map;
        _sink = sink;
        _rawObserver = rawObserver;
        _parser = new MarketChannelParser(map);
        _venue = VenueNames.Polymarket;
        foreach (string a in assetIds)
        {
            if (map.TryGetIndex(a.AsSpan(), out int index)) _live[index] = false;
        }
    }

    /// <summary>Parser counters (frames, pongs, malformed…).</summary>
    public MarketChannelCounters Counters => _parser.Counters;

    /// <summary>Level updates dropped because their book awaited a fresh snapshot.</summary>
    public long GatedUpdates => Interlocked.Read(ref _gatedUpdates);

    /// <summary>Assets of this connection.</summary>
    public IReadOnlyList<string> Assets => _assets;

    /// <inheritdoc />
    protected override async Task OnConnectedAsync(CancellationToken ct)
    {
        var frames = PolymarketSubscriptions.Shard(_assets, PolymarketSubscriptions.MaxAssetsPerFrame);
        for (int i = 0; i < frames.Count; i++)
        {
            string msg = i == 0 ? PolymarketSubscriptions.MarketSubscribe(frames[i]) : PolymarketSubscriptions.MarketAdd(frames[i]);
            await SendTextAsync(msg, ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override void OnFrame(ReadOnlySpan<byte> frame, long receiveTicks)
    {
        _rawObserver?.Invoke(frame, receiveTicks);
        _parser.Parse(frame, receiveTicks, new GateSink(this));
        if (_hasPending) Flush(endOfMessage: true);
    }

    /// <inheritdoc />
    protected override void OnDisconnected(string reason, bool wasConnected)
    {
        if (!wasConnected) return;
        InvalidateAll();
        _sink.OnVenueStatus(new VenueStatusEvent(_venue, VenueState.Disconnected, Time.GetUtcNow(), null, "market channel: " + reason));
    }

    /// <inheritdoc />
    protected override void OnReconnected() =>
        _sink.OnVenueStatus(new VenueStatusEvent(_venue, VenueState.Reconnected, Time.GetUtcNow(), null, "market channel reconnected; books gated until fresh snapshots"));

    private void InvalidateAll()
    {
        _hasPending = false;
        long now = Time.GetUtcNow().UtcTicks;
        foreach (int index in _live.Keys.ToArray())
        {
            _live[index] = false;
            _sink.OnMarketData(new MarketDataEvent(MarketDataKind.BookInvalidated, index, Side.Buy, default, default, 0, 0, 0, now));
        }
    }

    private void Invalidate(int index, long now)
    {
        if (!_live.ContainsKey(index)) return;
        _live[index] = false;
        _sink.OnMarketData(new MarketDataEvent(MarketDataKind.BookInvalidated, index, Side.Buy, default, default, 0, 0, 0, now));
        if (_map.TokenOf(index) is string token)
            _ = SendTextAsync(PolymarketSubscriptions.MarketAdd([token]), CancellationToken.None); // asks for a fresh snapshot
    }

    private void Flush(bool endOfMessage)
    {
        var e = endOfMessage ? _pending with { EndOfMessage = true } : _pending;
        _hasPending = false;
        _sink.OnMarketData(e);
    }

    private void Deliver(in MarketDataEvent e)
    {
        switch (e.Kind)
        {
            case MarketDataKind.Snapshot:
                if (_hasPending) Flush(endOfMessage: true);
                var copy = new BookSnapshot { Sequence = e.Snapshot!.Sequence };
                copy.Bids.AddRange(e.Snapshot.Bids);
                copy.Asks.AddRange(e.Snapshot.Asks);
                _live[e.InstrumentIndex] = true;
                _sink.OnMarketData(e with { Snapshot = copy });
                return;
            case MarketDataKind.LevelUpdate:
                bool live = _live.TryGetValue(e.InstrumentIndex, out bool l) && l;
                if (!live)
                {
                    Interlocked.Increment(ref _gatedUpdates);
                    if (e.EndOfMessage && _hasPending) Flush(endOfMessage: true);
                    return;
                }

                if (_hasPending) Flush(endOfMessage: false);
                if (e.EndOfMessage)
                {
                    _sink.OnMarketData(e);
                }
                else
                {
                    _pending = e;
                    _hasPending = true;
                }

                return;
            default:
                if (_hasPending) Flush(endOfMessage: true);
                _sink.OnMarketData(e);
                return;
        }
    }

    private void Malformed(MalformedReason reason, int index)
    {
        if (!reason.InvalidatesBooks()) return;
        if (index >= 0)
        {
            Invalidate(index, Time.GetUtcNow().UtcTicks);
            return;
        }

        InvalidateAll();
        RequestReconnect();
    }

    private readonly struct GateSink(MarketChannelClient owner) : IMarketChannelSink
    {
        public void OnMarketData(in MarketDataEvent marketData) => owner.Deliver(marketData);

        public void OnBestBidAsk(int instrumentIndex, Price bestBid, Price bestAsk, long venueTimeTicks)
        {
            // The book is built from levels; best_bid_ask is redundant here.
        }

        public void OnMalformed(MalformedReason reason, int instrumentIndex, ReadOnlySpan<byte> frame) => owner.Malformed(reason, instrumentIndex);
    }
}
