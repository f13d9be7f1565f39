using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Adapter;

public sealed partial class SimulatedVenue
{
    private readonly List<int> _dirtyMarkets = [];
    private bool[] _marketDirty = new bool[4];
    private bool _publishScheduled;
    private readonly MarketStream _feedStream;

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

    private void MarkDirty(int market)
    {
        if (market >= _marketDirty.Length) Array.Resize(ref _marketDirty, Math.Max(market + 1, _marketDirty.Length * 2));
        if (!_marketDirty[market])
        {
            _marketDirty[market] = true;
            _dirtyMarkets.Add(market);
        }

        if (!_publishScheduled && _started)
        {
            _publishScheduled = true;
            _scheduler.At(Now, Publish);
        }
    }

    private void AddTradePrint(in MatchEvent e)
    {
        Stats.Trades++;
        _feeds[e.Instrument].PendingTrades.Add(new MarketDataEvent(MarketDataKind.Trade, 0, e.Side, e.Price, e.Size, 0, 0, e.TimestampTicks, 0, false));
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
        int nb = ReadTop(book, f.IsNo ? Side.Sell : Side.Buy, f.IsNo, f.NewBidPx, f.NewBidSz);
        int na = ReadTop(book, f.IsNo ? Side.Buy : Side.Sell, f.IsNo, f.NewAskPx, f.NewAskSz);
        var events = new List<MarketDataEvent>(f.PendingTrades.Count + 8);
        events.AddRange(f.PendingTrades);
        f.PendingTrades.Clear();
        Diff(events, Side.Buy, f.BidPx, f.BidSz, f.BidCount, f.NewBidPx, f.NewBidSz, nb, descending: true);
        Diff(events, Side.Sell, f.AskPx, f.AskSz, f.AskCount, f.NewAskPx, f.NewAskSz, na, descending: false);
        Array.Copy(f.NewBidPx, f.BidPx, nb);
        Array.Copy(f.NewBidSz, f.BidSz, nb);
        Array.Copy(f.NewAskPx, f.AskPx, na);
        Array.Copy(f.NewAskSz, f.AskSz, na);
        f.BidCount = nb;
        f.AskCount = na;
        if (events.Count == 0) return;
        long prev = f.Sequence;
        long seq = ++f.Sequence;
        long now = Now;
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

        SendFeed(new FeedMessage(f.Slot, array));
    }

    private static void Diff(List<MarketDataEvent> output, Side side, long[] oldPx, long[] oldSz, int oldCount, long[] newPx, long[] newSz, int newCount, bool descending)
    {
        int i = 0, j = 0;
        while (i < oldCount || j < newCount)
        {
            int cmp;
            if (i >= oldCount) cmp = 1;
            else if (j >= newCount) cmp = -1;
            else if (oldPx[i] == newPx[j]) cmp = 0;
            else cmp = (oldPx[i] > newPx[j]) == descending ? -1 : 1;

            if (cmp == 0)
            {
                if (oldSz[i] != newSz[j]) output.Add(Level(side, newPx[j], newSz[j]));
                i++;
                j++;
            }
            else if (cmp < 0)
            {
                output.Add(Level(side, oldPx[i], 0));
                i++;
            }
            else
            {
                output.Add(Level(side, newPx[j], newSz[j]));
                j++;
            }
        }
    }

    private static MarketDataEvent Level(Side side, long price, long size) =>
        new(MarketDataKind.LevelUpdate, 0, side, new Price(price), new Quantity(size), 0, 0, 0, 0, false);

    /// <summary>Reads the best <paramref name="px"/>.Length levels of one YES-space side (complemented for the NO view).</summary>
    private static int ReadTop(InstrumentOrderBook book, Side canonSide, bool complement, long[] px, long[] sz)
    {
        int n = 0;
        int idx = canonSide == Side.Buy ? book.BestBidIndex : book.BestAskIndex;
        while (n < px.Length && idx >= 0 && idx < book.LevelCount)
        {
            long size = book.LevelRef(canonSide, idx).Size;
            if (size > 0)
            {
                long p = book.PriceAt(idx);
                px[n] = complement ? FixedPoint.Scale - p : p;
                sz[n] = size;
                n++;
            }

            idx = book.NextWorse(canonSide, idx);
        }

        return n;
    }

    private void SendSnapshot(int slot)
    {
        var f = _feeds[slot];
        f.ResyncScheduled = false;
        var book = _engine.Markets[f.Market];
        f.BidCount = ReadTop(book, f.IsNo ? Side.Sell : Side.Buy, f.IsNo, f.BidPx, f.BidSz);
        f.AskCount = ReadTop(book, f.IsNo ? Side.Buy : Side.Sell, f.IsNo, f.AskPx, f.AskSz);
        f.PendingTrades.Clear();
        var snapshot = new BookSnapshot { Sequence = ++f.Sequence };
        for (int i = 0; i < f.BidCount; i++) snapshot.Bids.Add(new BookLevel(new Price(f.BidPx[i]), new Quantity(f.BidSz[i])));
        for (int i = 0; i < f.AskCount; i++) snapshot.Asks.Add(new BookLevel(new Price(f.AskPx[i]), new Quantity(f.AskSz[i])));
        var e = new MarketDataEvent(MarketDataKind.Snapshot, IndexOfSlot(slot), Side.Buy, default, default, f.Sequence, 0, Now, 0, true, snapshot);
        Stats.Snapshots++;
        // Snapshots are what repairs the feed: they bypass the per-message faults but not a disconnect.
        if (_feedStream.IsDown) return;
        _feedStream.Enqueue(new FeedMessage(slot, [e]));
    }

    /// <summary>Announces a tick change of a market (both tokens) on the feed, as Polymarket's <c>tick_size_change</c>.</summary>
    public void PublishTickChange(int market, Price newTick)
    {
        var book = _engine.Markets[market];
        TickMessage(book.YesSlot, newTick);
        if (book.IsBinary) TickMessage(book.NoSlot, newTick);
    }

    private void TickMessage(int slot, Price tick)
    {
        if (!_started) return;
        var e = new MarketDataEvent(MarketDataKind.TickSizeChange, IndexOfSlot(slot), Side.Buy, tick, default, 0, 0, Now, 0, true);
        SendFeed(new FeedMessage(slot, [e]));
    }

    private void ScheduleResync(int slot)
    {
        var f = _feeds[slot];
        if (f.ResyncScheduled) return;
        f.ResyncScheduled = true;
        _scheduler.After(_options.ResyncDelay, () => SendSnapshot(slot));
    }

    /// <summary>Applies the <c>feed</c> faults to one message, then queues it on the feed delay.</summary>
    private void SendFeed(FeedMessage message) => _feedStream.Send(message, _faults);

    /// <summary>The <c>feed</c> stream: market-data messages on the feed delay; a gap schedules a resync snapshot.</summary>
    private sealed class MarketStream(SimulatedVenue venue)
        : FaultedStream<FeedMessage>(venue._scheduler, venue._feedLatency, FaultEndpoint.Feed)
    {
        protected override void Deliver(FeedMessage message) => venue.DeliverFeed(message);

        protected override void CountSent() => venue.Stats.FeedMessages++;

        protected override void CountDropped() => venue.Stats.FeedDropped++;

        protected override void OnGap(FeedMessage message) => venue.ScheduleResync(message.Slot);

        protected override void OnDisconnected() => venue.Status(VenueState.Disconnected, null, "market feed disconnected");

        protected override void OnReconnected()
        {
            RestartDelivery();
            venue.Status(VenueState.Reconnected, null, "market feed reconnected");
            for (int s = 0; s < venue._feeds.Length; s++) venue.SendSnapshot(s);
        }
    }

    private void DeliverFeed(FeedMessage message)
    {
        var sink = _sink;
        if (sink is null) return;
        long now = Now;
        foreach (var e in message.Events)
        {
            var stamped = e with { ReceiveTimeTicks = now };
            sink.OnMarketData(in stamped);
        }
    }

    private void Status(VenueState state, TimeSpan? retryAfter, string text)
    {
        var status = new VenueStatusEvent(_options.Venue, state, NowTime, retryAfter, text);
        _sink?.OnVenueStatus(status);
    }
}
