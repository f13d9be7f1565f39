using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// Decides when our virtual orders would have filled against a recorded market-data stream of one instrument
/// (L2 level updates, snapshots and public trades). The recording cannot react to us: our orders are not in its book,
/// our fills do not move its prices, and nobody in it responds to our quotes (no market impact). Rules:
/// <list type="bullet">
/// <item><b>Aggressive entry</b>: a new order that crosses the recorded book fills as taker against the displayed depth at
/// each crossed level's price, best first, and marks that depth consumed so it cannot be taken twice; the consumption
/// wears off as the recording shrinks the level. FAK cancels the rest, FOK fills all or nothing, GTC/GTD rest.</item>
/// <item><b>Queue fills</b>: a resting order gets a queue position from the <see cref="IQueueModel"/>; trades at its
/// price (aggressor on the other side) advance it and, once the quantity ahead is used up, the excess fills us as maker
/// at our price.</item>
/// <item><b>Trade-through</b>: a trade at a price strictly through ours fills us regardless of the queue, up to the
/// traded size (not more: the print is all the volume we know existed), best-priced order of ours first.</item>
/// <item><b>Book cross</b>: when the recorded opposite side shows size at or through our resting price, that order would
/// have traded with us; we fill as maker at our price up to its unconsumed size.</item>
/// </list>
/// Several orders of ours at one price queue FIFO among themselves: a later one counts the earlier ones' open size as
/// ahead of it. Trade-through fills from one print never exceed its size, and queue fills never exceed the volume
/// traded past our front (a step-rounding remainder is carried to the next print). Fills are multiples of the size step (rounded
/// down), so the simulator never overfills. Single-threaded; allocates nothing per event once its arrays have grown.
/// </summary>
public sealed class ReplayFillSimulator
{
    private struct OwnOrder
    {
        public long Id;
        public long Price;
        public long Size;
        public long Filled;
        public long QueueFilled;
        public long ScratchLevel;
        public QueuePosition Queue;

        public readonly long Leaves => Size - Filled;
    }

    private readonly IQueueModel _model;
    private readonly IReplayFillSink _sink;
    private readonly long _step;
    private readonly ReplayBookSide _bookBids;
    private readonly ReplayBookSide _bookAsks;
    private OwnOrder[] _bids;
    private OwnOrder[] _asks;
    private int _bidCount;
    private int _askCount;

    /// <summary>A simulator for the instrument with dense index <paramref name="instrumentIndex"/>.</summary>
    /// <param name="instrumentIndex">Events for other instruments are ignored.</param>
    /// <param name="model">Queue position model.</param>
    /// <param name="sizeStep">Fills are rounded down to this step (must be &gt; 0).</param>
    /// <param name="sink">Receives fills.</param>
    /// <param name="orderCapacity">Initial capacity per side for our resting orders.</param>
    /// <param name="levelCapacity">Initial capacity per side for recorded levels.</param>
    public ReplayFillSimulator(int instrumentIndex, IQueueModel model, Quantity sizeStep, IReplayFillSink sink, int orderCapacity = 16, int levelCapacity = 128)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sizeStep.Raw, 0, nameof(sizeStep));
        InstrumentIndex = instrumentIndex;
        _model = model;
        _sink = sink;
        _step = sizeStep.Raw;
        _bookBids = new ReplayBookSide(descending: true, levelCapacity);
        _bookAsks = new ReplayBookSide(descending: false, levelCapacity);
        _bids = new OwnOrder[Math.Max(1, orderCapacity)];
        _asks = new OwnOrder[Math.Max(1, orderCapacity)];
    }

    /// <summary>The instrument this simulator follows.</summary>
    public int InstrumentIndex { get; }

    /// <summary>The queue model in use.</summary>
    public IQueueModel Model => _model;

    /// <summary>How many of our orders rest.</summary>
    public int RestingCount => _bidCount + _askCount;

    /// <summary>Recorded displayed size at a level (our virtual orders are never in it).</summary>
    public Quantity DisplayedSize(Side side, Price price) => new(Book(side).SizeAtPrice(price.Raw));

    /// <summary>Displayed size minus what our aggressive fills consumed.</summary>
    public Quantity AvailableSize(Side side, Price price)
    {
        var book = Book(side);
        int i = book.Find(price.Raw);
        return new Quantity(i >= 0 ? book.AvailableAt(i) : 0);
    }

    /// <summary>Looks up a resting order's open size and estimated quantity ahead.</summary>
    public bool TryGetOrder(long orderId, out Side side, out Price price, out Quantity leaves, out Quantity queueAhead)
    {
        for (int s = 0; s < 2; s++)
        {
            var orders = s == 0 ? _bids : _asks;
            int count = s == 0 ? _bidCount : _askCount;
            for (int i = 0; i < count; i++)
            {
                if (orders[i].Id != orderId) continue;
                side = s == 0 ? Side.Buy : Side.Sell;
                price = new Price(orders[i].Price);
                leaves = new Quantity(orders[i].Leaves);
                queueAhead = orders[i].Queue.Front;
                return true;
            }
        }

        side = default;
        price = default;
        leaves = default;
        queueAhead = default;
        return false;
    }

    /// <summary>
    /// Submits our limit order at <paramref name="timeTicks"/> (matching-engine time, i.e. after entry latency). It
    /// first takes any crossing recorded depth (taker fills reported to the sink), then rests or is cancelled per
    /// <paramref name="timeInForce"/>.
    /// </summary>
    public ReplaySubmitResult Submit(long orderId, Side side, Price price, Quantity size, TimeInForce timeInForce, long timeTicks)
    {
        if (size.Raw <= 0 || size.Raw % _step != 0 || TryGetOrder(orderId, out _, out _, out _, out _)) return ReplaySubmitResult.Rejected;
        var opposite = Book(side.Opposite());
        long remaining = size.Raw;

        if (timeInForce == TimeInForce.Fok)
        {
            long reachable = 0;
            for (int i = 0; i < opposite.Count && Crosses(side, price.Raw, opposite.PriceAt(i)) && reachable < remaining; i++)
                reachable += FloorStep(opposite.AvailableAt(i));
            if (reachable < remaining) return ReplaySubmitResult.Cancelled;
        }

        for (int i = 0; i < opposite.Count && remaining > 0 && Crosses(side, price.Raw, opposite.PriceAt(i)); i++)
        {
            long take = FloorStep(Math.Min(remaining, opposite.AvailableAt(i)));
            if (take <= 0) continue;
            opposite.Consume(i, take);
            remaining -= take;
            _sink.OnFill(new ReplayFill(orderId, side, new Price(opposite.PriceAt(i)), new Quantity(take), new Quantity(remaining),
                Liquidity.Taker, ReplayFillReason.Aggressive, timeTicks));
        }

        if (remaining == 0) return ReplaySubmitResult.Filled;
        if (timeInForce is TimeInForce.Fak or TimeInForce.Fok) return ReplaySubmitResult.Cancelled;

        ref OwnOrder[] orders = ref side == Side.Buy ? ref _bids : ref _asks;
        ref int count = ref side == Side.Buy ? ref _bidCount : ref _askCount;
        if (count == orders.Length) Array.Resize(ref orders, orders.Length * 2);
        int at = 0;
        while (at < count && !Better(side, price.Raw, orders[at].Price)) at++; // FIFO behind equal prices
        Array.Copy(orders, at, orders, at + 1, count - at);
        count++;
        ref OwnOrder o = ref orders[at];
        o = new OwnOrder { Id = orderId, Price = price.Raw, Size = size.Raw, Filled = size.Raw - remaining };
        long level = Book(side).SizeAtPrice(price.Raw) + OursAhead(orders, at);
        _model.OnNewOrder(ref o.Queue, new Quantity(level));
        return ReplaySubmitResult.Resting;
    }

    /// <summary>
    /// Cancels a resting order (at matching-engine time). Our later orders at the same price move up by its open size.
    /// False if it is not resting (unknown, filled or already cancelled).
    /// </summary>
    public bool Cancel(long orderId)
    {
        for (int s = 0; s < 2; s++)
        {
            var orders = s == 0 ? _bids : _asks;
            ref int count = ref s == 0 ? ref _bidCount : ref _askCount;
            for (int i = 0; i < count; i++)
            {
                if (orders[i].Id != orderId) continue;
                long leaves = orders[i].Leaves;
                for (int j = i + 1; j < count && orders[j].Price == orders[i].Price; j++)
                {
                    long front = orders[j].Queue.Front.Raw;
                    if (front > 0) orders[j].Queue.Front = new Quantity(Math.Max(0, front - leaves));
                }

                Array.Copy(orders, i + 1, orders, i, count - i - 1);
                count--;
                return true;
            }
        }

        return false;
    }

    /// <summary>Applies one recorded market-data event.</summary>
    public void OnMarketData(in MarketDataEvent e)
    {
        if (e.InstrumentIndex != InstrumentIndex) return;
        switch (e.Kind)
        {
            case MarketDataKind.LevelUpdate:
                OnLevelUpdate(e.Side, e.Price.Raw, e.Size.Raw, e.VenueTimeTicks);
                break;
            case MarketDataKind.Snapshot when e.Snapshot is not null:
                OnSnapshot(e.Snapshot, e.VenueTimeTicks);
                break;
            case MarketDataKind.Trade:
                OnTrade(e.Side, e.Price.Raw, e.Size.Raw, e.VenueTimeTicks);
                break;
        }
    }

    private void OnLevelUpdate(Side bookSide, long price, long size, long time)
    {
        long previous = Book(bookSide).Set(price, size);
        if (previous != size)
        {
            var orders = Orders(bookSide, out int count);
            for (int i = 0; i < count; i++)
            {
                if (orders[i].Price != price) continue;
                long ahead = OursAhead(orders, i);
                _model.OnDepthChange(ref orders[i].Queue, new Quantity(previous + ahead), new Quantity(Math.Max(0, size) + ahead));
            }
        }

        if (size > 0) CrossAgainst(bookSide, price, time);
    }

    private void OnSnapshot(Core.Books.BookSnapshot snapshot, long time)
    {
        for (int s = 0; s < 2; s++)
        {
            var side = s == 0 ? Side.Buy : Side.Sell;
            var orders = Orders(side, out int count);
            for (int i = 0; i < count; i++) orders[i].ScratchLevel = Book(side).SizeAtPrice(orders[i].Price);
        }

        _bookBids.Clear();
        _bookAsks.Clear();
        foreach (var level in snapshot.Bids) _bookBids.Load(level.Price.Raw, level.Size.Raw);
        foreach (var level in snapshot.Asks) _bookAsks.Load(level.Price.Raw, level.Size.Raw);
        _bookBids.EndLoad();
        _bookAsks.EndLoad();

        for (int s = 0; s < 2; s++)
        {
            var side = s == 0 ? Side.Buy : Side.Sell;
            var orders = Orders(side, out int count);
            for (int i = 0; i < count; i++)
            {
                long now = Book(side).SizeAtPrice(orders[i].Price);
                if (now == orders[i].ScratchLevel) continue;
                long ahead = OursAhead(orders, i);
                _model.OnDepthChange(ref orders[i].Queue, new Quantity(orders[i].ScratchLevel + ahead), new Quantity(now + ahead));
            }
        }

        var asks = _bookAsks;
        for (int i = 0; i < asks.Count && _bidCount > 0 && asks.PriceAt(i) <= _bids[0].Price; i++) CrossAgainst(Side.Sell, asks.PriceAt(i), time);
        var bids = _bookBids;
        for (int i = 0; i < bids.Count && _askCount > 0 && bids.PriceAt(i) >= _asks[0].Price; i++) CrossAgainst(Side.Buy, bids.PriceAt(i), time);
    }

    /// <summary>A recorded level at <paramref name="price"/> on <paramref name="bookSide"/> may cross our orders on the other side.</summary>
    private void CrossAgainst(Side bookSide, long price, long time)
    {
        Side ourSide = bookSide.Opposite();
        var orders = Orders(ourSide, out int count);
        if (count == 0 || !Crosses(ourSide, orders[0].Price, price)) return;
        var book = Book(bookSide);
        int level = book.Find(price);
        if (level < 0) return;
        bool anyDone = false;
        for (int i = 0; i < count && Crosses(ourSide, orders[i].Price, price); i++)
        {
            long take = FloorStep(Math.Min(orders[i].Leaves, book.AvailableAt(level)));
            if (take <= 0) break;
            book.Consume(level, take);
            ref OwnOrder o = ref orders[i];
            if (o.Queue.Front.Raw > 0) o.Queue.Front = Quantity.Zero; // nobody can be ahead of us at a crossed price
            anyDone |= Fill(ref o, ourSide, take, ReplayFillReason.BookCross, time);
        }

        if (anyDone) RemoveFilled(ourSide);
    }

    private void OnTrade(Side aggressor, long price, long size, long time)
    {
        Side ourSide = aggressor.Opposite();
        var orders = Orders(ourSide, out int count);
        long budget = size;
        long levelBudget = -1;
        bool anyDone = false;
        for (int i = 0; i < count; i++)
        {
            ref OwnOrder o = ref orders[i];
            if (Better(ourSide, o.Price, price))
            {
                // Trade-through: the print passed our price, so everything at our level, us included, traded.
                if (o.Queue.Front.Raw > 0) o.Queue.Front = Quantity.Zero;
                long take = FloorStep(Math.Min(o.Leaves, budget));
                if (take <= 0) continue;
                budget -= take;
                anyDone |= Fill(ref o, ourSide, take, ReplayFillReason.TradeThrough, time);
            }
            else if (o.Price == price)
            {
                if (levelBudget < 0) levelBudget = budget; // the print volume that reached this level, shared FIFO
                _model.OnTrade(ref o.Queue, new Quantity(levelBudget));
                long due = o.Queue.CumulativeFill(new Quantity(o.Size), new Quantity(_step)).Raw - o.QueueFilled;
                // Not capped by this print's budget: a remainder that step rounding held back on an earlier print
                // is paid now. The cumulative queue fill never exceeds the volume traded past our front.
                long take = FloorStep(Math.Min(due, o.Leaves));
                if (take <= 0) continue;
                o.QueueFilled += take;
                anyDone |= Fill(ref o, ourSide, take, ReplayFillReason.Queue, time);
            }
            else
            {
                break; // orders are in priority order: the rest are behind the trade price
            }
        }

        if (anyDone) RemoveFilled(ourSide);
    }

    /// <summary>Records a maker fill; true when the order is now complete.</summary>
    private bool Fill(ref OwnOrder o, Side side, long quantity, ReplayFillReason reason, long time)
    {
        o.Filled += quantity;
        _sink.OnFill(new ReplayFill(o.Id, side, new Price(o.Price), new Quantity(quantity), new Quantity(o.Leaves), Liquidity.Maker, reason, time));
        return o.Leaves == 0;
    }

    private void RemoveFilled(Side side)
    {
        var orders = Orders(side, out int count);
        int w = 0;
        for (int r = 0; r < count; r++)
        {
            if (orders[r].Leaves == 0) continue;
            if (w != r) orders[w] = orders[r];
            w++;
        }

        if (side == Side.Buy) _bidCount = w;
        else _askCount = w;
    }

    private OwnOrder[] Orders(Side side, out int count)
    {
        count = side == Side.Buy ? _bidCount : _askCount;
        return side == Side.Buy ? _bids : _asks;
    }

    private ReplayBookSide Book(Side side) => side == Side.Buy ? _bookBids : _bookAsks;

    private static long OursAhead(OwnOrder[] orders, int index)
    {
        long ahead = 0;
        for (int j = index - 1; j >= 0 && orders[j].Price == orders[index].Price; j--) ahead += orders[j].Leaves;
        return ahead;
    }

    private long FloorStep(long quantity) => quantity <= 0 ? 0 : quantity - quantity % _step;

    /// <summary>True when an order of <paramref name="side"/> at <paramref name="ours"/> can trade with a level at <paramref name="level"/>.</summary>
    private static bool Crosses(Side side, long ours, long level) => side == Side.Buy ? level <= ours : level >= ours;

    /// <summary>True when <paramref name="a"/> is a strictly better price than <paramref name="b"/> for <paramref name="side"/>.</summary>
    private static bool Better(Side side, long a, long b) => side == Side.Buy ? a > b : a < b;
}
