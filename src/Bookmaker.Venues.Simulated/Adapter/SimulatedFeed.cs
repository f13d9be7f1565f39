using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Latency;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>
/// The simulated venue's public market feed. Matching marks markets dirty; one coalescing pass per clock instant diffs
/// the top <see cref="SimulatedVenueOptions.BookDepth"/> levels of each dirty book against what was last published and
/// sends one message per instrument (trade prints first, then level updates, <c>EndOfMessage</c> on the last), the YES
/// and NO views of a binary market alike. Messages carry a per-instrument sequence linked to the previous one, so a
/// dropped or reordered message shows up in the client as a sequence gap, which schedules a resync snapshot; snapshots
/// also go out at start and after a reconnect. The <c>feed</c> faults apply per message.
/// </summary>
internal sealed class SimulatedFeed
{
    private readonly MatchingEngine _engine;
    private readonly SimulatedVenueOptions _options;
    private readonly VenueScheduler _scheduler;
    private readonly VenueFaults _faults;
    private readonly ClientLink _client;
    private readonly SimulatedVenueStats _stats;
    private readonly IReadOnlyList<Instrument> _external;
    private readonly List<int> _dirtyMarkets = [];
    private readonly Stream _stream;
    private bool[] _marketDirty = new bool[4];
    private bool _publishScheduled;
    private SlotFeed[] _feeds = [];

    /// <summary>Creates the feed; <paramref name="external"/> are the client's instruments by engine slot.</summary>
    public SimulatedFeed(MatchingEngine engine, SimulatedVenueOptions options, VenueScheduler scheduler, LatencyChannel feedLatency,
        VenueFaults faults, ClientLink client, SimulatedVenueStats stats, IReadOnlyList<Instrument> external)
    {
        _engine = engine;
        _options = options;
        _scheduler = scheduler;
        _faults = faults;
        _client = client;
        _stats = stats;
        _external = external;
        _stream = new Stream(this, scheduler, feedLatency);
    }

    /// <summary>Publishes the instruments of engine market <paramref name="market"/> (call after its instruments are listed).</summary>
    public void AddMarket(int market)
    {
        Array.Resize(ref _feeds, _external.Count);
        var book = _engine.Markets[market];
        _feeds[book.YesSlot] = new SlotFeed(market, book.YesSlot, false, _options.BookDepth);
        if (book.IsBinary) _feeds[book.NoSlot] = new SlotFeed(market, book.NoSlot, true, _options.BookDepth);
    }

    /// <summary>Sends a snapshot of every instrument (start).</summary>
    public void SendAllSnapshots()
    {
        for (int s = 0; s < _feeds.Length; s++) SendSnapshot(s);
    }

    /// <summary>A market's book changed: it is published at the end of this clock instant.</summary>
    public void MarkDirty(int market)
    {
        if (market >= _marketDirty.Length) Array.Resize(ref _marketDirty, Math.Max(market + 1, _marketDirty.Length * 2));
        if (!_marketDirty[market])
        {
            _marketDirty[market] = true;
            _dirtyMarkets.Add(market);
        }

        if (!_publishScheduled && _client.Started)
        {
            _publishScheduled = true;
            _scheduler.At(_client.Now, Publish);
        }
    }

    /// <summary>A public trade (the taker leg of a fill) to print with the next message of its instrument.</summary>
    public void AddTradePrint(in MatchEvent e)
    {
        _stats.Trades++;
        _feeds[e.Instrument].PendingTrades.Add(new MarketDataEvent(MarketDataKind.Trade, 0, e.Side, e.Price, e.Size, 0, 0, e.TimestampTicks, 0, false));
    }

    /// <summary>Announces a tick change of a market (both tokens), as Polymarket's <c>tick_size_change</c>.</summary>
    public void PublishTickChange(int market, Price newTick)
    {
        var book = _engine.Markets[market];
        TickMessage(book.YesSlot, newTick);
        if (book.IsBinary) TickMessage(book.NoSlot, newTick);
    }

    /// <summary>The coalescing step: one message per changed instrument per clock instant.</summary>
    private void Publish()
    {
        _publishScheduled = false;
        _dirtyMarkets.Sort();
        foreach (int m in _dirtyMarkets)
        {
            _marketDirty[m] = false;
            var book = _engine.Markets[m];
            PublishSlot(_feeds[book.YesSlot]);
            if (book.IsBinary) PublishSlot(_feeds[book.NoSlot]);
        }

        _dirtyMarkets.Clear();
    }

    private void PublishSlot(SlotFeed f)
    {
        var book = _engine.Markets[f.Market];
        int nb = BookLevels.ReadTop(book, f.IsNo ? Side.Sell : Side.Buy, f.IsNo, f.NewBidPx, f.NewBidSz);
        int na = BookLevels.ReadTop(book, f.IsNo ? Side.Buy : Side.Sell, f.IsNo, f.NewAskPx, f.NewAskSz);
        var events = new List<MarketDataEvent>(f.PendingTrades.Count + 8);
        events.AddRange(f.PendingTrades);
        f.PendingTrades.Clear();
        BookLevels.Diff(events, Side.Buy, f.BidPx, f.BidSz, f.BidCount, f.NewBidPx, f.NewBidSz, nb, descending: true);
        BookLevels.Diff(events, Side.Sell, f.AskPx, f.AskSz, f.AskCount, f.NewAskPx, f.NewAskSz, na, descending: false);
        Array.Copy(f.NewBidPx, f.BidPx, nb);
        Array.Copy(f.NewBidSz, f.BidSz, nb);
        Array.Copy(f.NewAskPx, f.AskPx, na);
        Array.Copy(f.NewAskSz, f.AskSz, na);
        f.BidCount = nb;
        f.AskCount = na;
        if (events.Count == 0) return;
        long prev = f.Sequence;
        long seq = ++f.Sequence;
        long now = _client.Now;
        var array = new MarketDataEvent[events.Count];
        int index = IndexOfSlot(f.Slot);
        for (int i = 0; i < array.Length; i++)
        {
            var e = events[i];
            array[i] = e with
            {
                InstrumentIndex = index,
                Sequence = seq,
                PreviousSequence = prev,
                VenueTimeTicks = e.Kind == MarketDataKind.Trade ? e.VenueTimeTicks : now,
                EndOfMessage = i == array.Length - 1,
            };
        }

        Send(new FeedMessage(f.Slot, array));
    }

    private void SendSnapshot(int slot)
    {
        var f = _feeds[slot];
        f.ResyncScheduled = false;
        var book = _engine.Markets[f.Market];
        f.BidCount = BookLevels.ReadTop(book, f.IsNo ? Side.Sell : Side.Buy, f.IsNo, f.BidPx, f.BidSz);
        f.AskCount = BookLevels.ReadTop(book, f.IsNo ? Side.Buy : Side.Sell, f.IsNo, f.AskPx, f.AskSz);
        f.PendingTrades.Clear();
        var snapshot = new BookSnapshot { Sequence = ++f.Sequence };
        for (int i = 0; i < f.BidCount; i++) snapshot.Bids.Add(new BookLevel(new Price(f.BidPx[i]), new Quantity(f.BidSz[i])));
        for (int i = 0; i < f.AskCount; i++) snapshot.Asks.Add(new BookLevel(new Price(f.AskPx[i]), new Quantity(f.AskSz[i])));
        var e = new MarketDataEvent(MarketDataKind.Snapshot, IndexOfSlot(slot), Side.Buy, default, default, f.Sequence, 0, _client.Now, 0, true, snapshot);
        _stats.Snapshots++;
        // Snapshots are what repairs the feed: they bypass the per-message faults but not a disconnect.
        if (_stream.IsDown) return;
        _stream.Enqueue(new FeedMessage(slot, [e]));
    }

    private void TickMessage(int slot, Price tick)
    {
        if (!_client.Started) return;
        var e = new MarketDataEvent(MarketDataKind.TickSizeChange, IndexOfSlot(slot), Side.Buy, tick, default, 0, 0, _client.Now, 0, true);
        Send(new FeedMessage(slot, [e]));
    }

    private void ScheduleResync(int slot)
    {
        var f = _feeds[slot];
        if (f.ResyncScheduled) return;
        f.ResyncScheduled = true;
        _scheduler.After(_options.ResyncDelay, () => SendSnapshot(slot));
    }

    /// <summary>Applies the <c>feed</c> faults to one message, then queues it on the feed delay.</summary>
    private void Send(FeedMessage message) => _stream.Send(message, _faults.Injector);

    private void Deliver(FeedMessage message)
    {
        var sink = _client.Sink;
        if (sink is null) return;
        long now = _client.Now;
        foreach (var e in message.Events)
        {
            var stamped = e with { ReceiveTimeTicks = now };
            sink.OnMarketData(in stamped);
        }
    }

    // The engine registry's index of the client's instrument (the slot until the client registers it).
    private int IndexOfSlot(int slot)
    {
        int index = _external[slot].Index;
        return index >= 0 ? index : slot;
    }

    /// <summary>What was last published for one instrument, and its sequence.</summary>
    private sealed class SlotFeed(int market, int slot, bool isNo, int depth)
    {
        public readonly int Market = market;
        public readonly int Slot = slot;
        public readonly bool IsNo = isNo;
        public readonly long[] BidPx = new long[depth], BidSz = new long[depth], AskPx = new long[depth], AskSz = new long[depth];
        public readonly long[] NewBidPx = new long[depth], NewBidSz = new long[depth], NewAskPx = new long[depth], NewAskSz = new long[depth];
        public int BidCount, AskCount;
        public long Sequence;
        public readonly List<MarketDataEvent> PendingTrades = [];
        public bool ResyncScheduled;
    }

    /// <summary>One venue message for one instrument.</summary>
    private sealed class FeedMessage(int slot, MarketDataEvent[] events)
    {
        public readonly int Slot = slot;
        public readonly MarketDataEvent[] Events = events;
    }

    /// <summary>The <c>feed</c> stream: market-data messages on the feed delay; a gap schedules a resync snapshot.</summary>
    private sealed class Stream(SimulatedFeed feed, VenueScheduler scheduler, LatencyChannel latency)
        : FaultedStream<FeedMessage>(scheduler, latency, FaultEndpoint.Feed)
    {
        protected override void Deliver(FeedMessage message) => feed.Deliver(message);

        protected override void CountSent() => feed._stats.FeedMessages++;

        protected override void CountDropped() => feed._stats.FeedDropped++;

        protected override void OnGap(FeedMessage message) => feed.ScheduleResync(message.Slot);

        protected override void OnDisconnected() => feed._client.Status(VenueState.Disconnected, null, "market feed disconnected");

        protected override void OnReconnected()
        {
            RestartDelivery();
            feed._client.Status(VenueState.Reconnected, null, "market feed reconnected");
            feed.SendAllSnapshots();
        }
    }
}
