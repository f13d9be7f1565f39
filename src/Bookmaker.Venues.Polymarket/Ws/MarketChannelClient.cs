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
/// <para>
/// <b>Per-asset watchdog</b> (<see cref="AssetDataWatchdog"/>): an asset silent longer than its own rhythm justifies —
/// while PONGs keep the socket alive — or a book left waiting for its snapshot is resubscribed on this socket and
/// fetched over REST (<c>GET /book</c>). The REST book is applied only when no message for the asset arrived while it
/// was fetched (then the stream is alive and authoritative); when it cannot be fetched and the asset stays silent, the
/// book is invalidated (its quotes are pulled) until a snapshot arrives.
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
    private readonly Lock _deliverGate = new();
    private readonly AssetDataWatchdog _watchdog;
    private readonly AssetWatchdogSettings _watchdogSettings;
    private readonly Func<string, CancellationToken, Task<BookSnapshot?>>? _restSnapshot;
    private readonly Func<IReadOnlyList<string>, Task>? _reconnected;
    private readonly HashSet<string> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<int> _due = [];
    private readonly CancellationTokenSource _watchStop = new();
    private ITimer? _watchTimer;
    private volatile bool _connected;
    private long _resubscribes;
    private long _restSnapshots;
    private long _restFailures;

    /// <summary>Creates the connection (call <see cref="PolymarketSocket.Start"/>).</summary>
    /// <param name="marketUrl">Market channel URL (…/ws/market).</param>
    /// <param name="assetIds">Token ids of this connection (≤ 500).</param>
    /// <param name="map">Token id → instrument index (shared, read-only once built).</param>
    /// <param name="sink">Receiver of market data and status events.</param>
    /// <param name="settings">Keep-alive settings.</param>
    /// <param name="time">Clock.</param>
    /// <param name="rawObserver">Optional tap of every raw frame with its receive time (the recorder).</param>
    /// <param name="jitterSeed">Seed of the reconnect jitter.</param>
    /// <param name="watchdog">Per-asset watchdog settings (defaults when null).</param>
    /// <param name="restSnapshot">Fetches one token's book over REST (null: resubscribe only).</param>
    /// <param name="reconnected">
    /// Called with the connection's assets after each reconnection (the adapter re-reads their ticks: a
    /// <c>tick_size_change</c> sent while the socket was down is never repeated).
    /// </param>
    public MarketChannelClient(Uri marketUrl, IReadOnlyList<string> assetIds, AssetIndexMap map, IVenueEventSink sink, PolymarketSocketSettings settings, TimeProvider time,
        Action<ReadOnlySpan<byte>, long>? rawObserver = null, int jitterSeed = 1, AssetWatchdogSettings? watchdog = null,
        Func<string, CancellationToken, Task<BookSnapshot?>>? restSnapshot = null, Func<IReadOnlyList<string>, Task>? reconnected = null)
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

        _watchdogSettings = watchdog ?? new AssetWatchdogSettings();
        _watchdog = new AssetDataWatchdog(_live.Keys, _watchdogSettings, time.GetUtcNow().UtcTicks);
        _restSnapshot = restSnapshot;
        _reconnected = reconnected;
    }

    /// <summary>True when the instrument at <paramref name="instrumentIndex"/> is one of this connection's assets.</summary>
    public bool Carries(int instrumentIndex)
    {
        lock (_deliverGate) return _live.ContainsKey(instrumentIndex);
    }

    /// <summary>
    /// Delivers a tick learnt elsewhere (a REST re-read) as a <see cref="MarketDataKind.TickSizeChange"/>, in order with
    /// this connection's messages: after any message still being delivered, never inside one.
    /// </summary>
    public void DeliverTick(int instrumentIndex, Price tick)
    {
        long now = Time.GetUtcNow().UtcTicks;
        lock (_deliverGate)
        {
            if (_hasPending) Flush(endOfMessage: true);
            _sink.OnMarketData(new MarketDataEvent(MarketDataKind.TickSizeChange, instrumentIndex, Side.Buy, tick, default, 0, 0, now, now));
        }
    }

    /// <summary>Assets resubscribed by the per-asset watchdog.</summary>
    public long WatchdogResubscribes => Interlocked.Read(ref _resubscribes);

    /// <summary>Books re-snapshotted over REST by the per-asset watchdog.</summary>
    public long RestSnapshots => Interlocked.Read(ref _restSnapshots);

    /// <summary>REST re-snapshots that failed (the asset's book was invalidated if it stayed silent).</summary>
    public long RestSnapshotFailures => Interlocked.Read(ref _restFailures);

    /// <summary>How long an asset may stay silent before the watchdog acts (its learned rhythm, clamped).</summary>
    public TimeSpan SilenceLimit(int instrumentIndex)
    {
        lock (_deliverGate) return _watchdog.SilenceLimit(instrumentIndex);
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
        lock (_deliverGate) _watchdog.Restart(Time.GetUtcNow().UtcTicks);
        _connected = true;
        _watchTimer ??= Time.CreateTimer(_ => CheckAssets(), null, _watchdogSettings.CheckPeriod, _watchdogSettings.CheckPeriod);
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
        lock (_deliverGate)
        {
            _parser.Parse(frame, receiveTicks, new GateSink(this));
            if (_hasPending) Flush(endOfMessage: true);
        }
    }

    /// <inheritdoc />
    protected override void OnStopping()
    {
        _watchTimer?.Dispose();
        _watchStop.Cancel();
    }

    /// <summary>Runs one watchdog check now (the timer does it every check period).</summary>
    public void CheckAssets()
    {
        if (!_connected || _watchStop.IsCancellationRequested) return;
        int[] due;
        long now = Time.GetUtcNow().UtcTicks;
        lock (_deliverGate)
        {
            _due.Clear();
            _watchdog.CollectDue(now, _due);
            if (_due.Count == 0) return;
            due = [.. _due];
        }

        foreach (int index in due)
        {
            if (_map.TokenOf(index) is not string token) continue;
            Interlocked.Increment(ref _resubscribes);
            _ = ResubscribeAsync(token);
            if (_restSnapshot is not null) _ = ResnapshotAsync(index, token);
        }
    }

    private async Task ResubscribeAsync(string token)
    {
        // Unsubscribe, then subscribe: the venue answers a subscribe with a fresh book for the asset.
        await SendTextAsync(PolymarketSubscriptions.MarketRemove([token]), _watchStop.Token).ConfigureAwait(false);
        await SendTextAsync(PolymarketSubscriptions.MarketAdd([token]), _watchStop.Token).ConfigureAwait(false);
    }

    private async Task ResnapshotAsync(int index, string token)
    {
        long before;
        lock (_deliverGate) before = _watchdog.Messages(index);
        BookSnapshot? book = null;
        try
        {
            book = await _restSnapshot!(token, _watchStop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // a failed fetch is handled below like an empty answer
        }
        catch (OperationCanceledException)
        {
            return;
        }

        long now = Time.GetUtcNow().UtcTicks;
        lock (_deliverGate)
        {
            if (_watchStop.IsCancellationRequested || !_connected) return;
            if (_watchdog.Messages(index) != before) return; // the stream spoke meanwhile: it is the authority
            if (book is null)
            {
                Interlocked.Increment(ref _restFailures);
                // Silent on the socket and unreadable over REST: nothing proves the book, so its quotes must go.
                if (_live.TryGetValue(index, out bool live) && live) Invalidate(index, now, resubscribe: false);
                return;
            }

            Interlocked.Increment(ref _restSnapshots);
            if (_hasPending) Flush(endOfMessage: true);
            _live[index] = true;
            _watchdog.OnLive(index, now);
            _sink.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, index, Side.Buy, default, default, 0, 0, now, now, true, book));
        }
    }

    /// <inheritdoc />
    protected override void OnDisconnected(string reason, bool wasConnected)
    {
        _connected = false;
        if (!wasConnected) return;
        lock (_deliverGate) InvalidateAll();
        _sink.OnVenueStatus(new VenueStatusEvent(_venue, VenueState.Disconnected, Time.GetUtcNow(), null, "market channel: " + reason));
    }

    /// <inheritdoc />
    protected override void OnReconnected()
    {
        _sink.OnVenueStatus(new VenueStatusEvent(_venue, VenueState.Reconnected, Time.GetUtcNow(), null, "market channel reconnected; books gated until fresh snapshots"));
        if (_reconnected is not null) _ = RereadAfterReconnectAsync();
    }

    private async Task RereadAfterReconnectAsync()
    {
        try
        {
            await _reconnected!(_assets).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            // The next reconnection or off-tick reject reads again; the socket must not die of it.
        }
    }

    /// <summary>
    /// A <c>market_resolved</c> frame: each market named (once per run) is reported as <see cref="VenueState.MarketClosed"/>
    /// — the engine cancels our orders there and stops quoting it. Called under the delivery lock, in stream order.
    /// </summary>
    private void MarketResolved(ReadOnlySpan<byte> frame)
    {
        foreach (var m in MarketResolvedMessage.Read(frame))
        {
            if (!_resolved.Add(m.Market)) continue;
            if (_hasPending) Flush(endOfMessage: true);
            string text = m.WinningOutcome is { Length: > 0 } w ? $"market_resolved: winning outcome {w}" : "market_resolved";
            _sink.OnVenueStatus(new VenueStatusEvent(_venue, VenueState.MarketClosed, Time.GetUtcNow(), null, text, m.Market));
        }
    }

    private void InvalidateAll()
    {
        _hasPending = false;
        long now = Time.GetUtcNow().UtcTicks;
        foreach (int index in _live.Keys.ToArray())
        {
            _live[index] = false;
            _watchdog.OnGated(index, now);
            _sink.OnMarketData(new MarketDataEvent(MarketDataKind.BookInvalidated, index, Side.Buy, default, default, 0, 0, 0, now));
        }
    }

    private void Invalidate(int index, long now, bool resubscribe = true)
    {
        if (!_live.ContainsKey(index)) return;
        _live[index] = false;
        _watchdog.OnGated(index, now);
        _sink.OnMarketData(new MarketDataEvent(MarketDataKind.BookInvalidated, index, Side.Buy, default, default, 0, 0, 0, now));
        if (resubscribe && _map.TokenOf(index) is string token)
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
                _watchdog.OnLive(e.InstrumentIndex, e.ReceiveTimeTicks);
                _watchdog.OnData(e.InstrumentIndex, e.ReceiveTimeTicks);
                _sink.OnMarketData(e with { Snapshot = copy });
                return;
            case MarketDataKind.LevelUpdate:
                _watchdog.OnData(e.InstrumentIndex, e.ReceiveTimeTicks);
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
                _watchdog.OnData(e.InstrumentIndex, e.ReceiveTimeTicks);
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

        public void OnMarketResolved(ReadOnlySpan<byte> frame) => owner.MarketResolved(frame);
    }
}
