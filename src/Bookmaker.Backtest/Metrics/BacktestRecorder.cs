using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Backtest.Metrics;

/// <summary>
/// Watches a backtest from inside the engine, as a strategy that never trades: every fill (with the mid at the fill and
/// its markouts 1, 10 and 60 s later), every change of our resting quotes (uptime), the inventory, and once a second
/// of engine time the account's P&amp;L, fees and rebates (the equity curve). It reads the same books and portfolio the
/// strategies read, on the loop, so what it reports is what the engine saw.
/// </summary>
public sealed class BacktestRecorder : IStrategy
{
    private readonly List<MarketTally> _markets = [];
    private readonly Queue<PendingMarkout>[] _pending = MarketTally.Horizons.Select(_ => new Queue<PendingMarkout>()).ToArray();
    private readonly Dictionary<ClientOrderId, (int Market, bool Bid, long PriceRaw)> _resting = [];
    private readonly List<MarketSeries> _series = [];
    private readonly List<TradingStateChange> _states = [];
    private readonly List<ChartFill> _chartFills = [];
    private readonly HashSet<ClientOrderId> _accepted = [];
    private readonly List<FillRecord> _fills = [];
    private IStrategyContext? _ctx;
    private int[] _marketOf = [];
    private long[] _midTwice = [];
    private long[] _bestBid = [];
    private long[] _bestAsk = [];
    // Per market: the instrument whose book is the market's price (the YES token, or the instrument itself).
    private int[] _priceInstrument = [];

    /// <summary>Name in the journal.</summary>
    public string Name => "backtest-recorder";

    /// <summary>Per-market tallies, in instrument order.</summary>
    public IReadOnlyList<MarketTally> Markets => _markets;

    /// <summary>Every fill of ours, in order.</summary>
    public IReadOnlyList<FillRecord> Fills => _fills;

    /// <summary>Equity samples, one a second of engine time (and one at the end).</summary>
    public EquitySeries Equity { get; } = new();

    /// <summary>Per market (in <see cref="Markets"/> order): price, our quotes and inventory once a second.</summary>
    public IReadOnlyList<MarketSeries> Series => _series;

    /// <summary>Every fill of ours in its market's YES view (a NO buy at p is a YES sell at 1 − p), for the price chart.</summary>
    public IReadOnlyList<ChartFill> ChartFills => _chartFills;

    /// <summary>The trading state at the start, then every change of it.</summary>
    public IReadOnlyList<TradingStateChange> TradingStates => _states;

    /// <summary>Orders the venue accepted while trading was HALTED.</summary>
    public long AcceptedWhileHalted { get; private set; }

    private TradingState _state;

    /// <inheritdoc />
    public void Start(IStrategyContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
        var all = context.Instruments.All;
        _marketOf = new int[all.Count];
        _midTwice = new long[all.Count];
        _bestBid = new long[all.Count];
        _bestAsk = new long[all.Count];
        var priceInstrument = new List<int>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        long now = context.Time.GetUtcNow().UtcTicks;
        foreach (var i in all)
        {
            string key = i.Outcome?.MarketId ?? i.Id.ToString();
            if (!byKey.TryGetValue(key, out int m))
            {
                m = _markets.Count;
                byKey[key] = m;
                string label = i.Outcome is not null ? Short(i.Outcome.MarketId) : i.Id.Symbol;
                _markets.Add(new MarketTally(key, label) { StartTicks = now, QuotesSinceTicks = now, InventorySinceTicks = now });
                _series.Add(new MarketSeries());
                priceInstrument.Add(i.Index);
            }

            if (i.Outcome is { IsYes: true }) priceInstrument[m] = i.Index;

            _marketOf[i.Index] = m;
        }

        _priceInstrument = [.. priceInstrument];
        _state = context.TradingState;
        _states.Add(new TradingStateChange(now, _state));
        Sample(now);
        context.ScheduleTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), purpose: 0);
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    /// <inheritdoc />
    public void OnBook(Instrument instrument, IOrderBookView book)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(book);
        if (book.HasBids && book.HasAsks && !book.IsStale) _midTwice[instrument.Index] = book.BestBid.Price.Raw + book.BestAsk.Price.Raw;
        // The charted touch: none while the book is stale or one-sided on that side.
        _bestBid[instrument.Index] = book.HasBids && !book.IsStale ? book.BestBid.Price.Raw : 0;
        _bestAsk[instrument.Index] = book.HasAsks && !book.IsStale ? book.BestAsk.Price.Raw : 0;
        SettleMarkouts();
    }

    /// <inheritdoc />
    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
    }

    /// <inheritdoc />
    public void OnOrderChanged(IOrderView order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var ctx = Ctx;
        var instrument = ctx.Instruments.Get(order.Request.Instrument);
        int m = _marketOf[instrument.Index];
        var tally = _markets[m];
        long now = ctx.Time.GetUtcNow().UtcTicks;
        bool resting = order.Status is OrderStatus.Open or OrderStatus.PartiallyFilled;
        if (order.IsAcknowledged && _accepted.Add(order.Request.Id))
        {
            tally.QuotedRaw += order.Request.Size.Raw;
            if (_state == TradingState.Halted) AcceptedWhileHalted++;
        }

        bool was = _resting.ContainsKey(order.Request.Id);
        if (resting == was) return;
        tally.AccrueQuotes(now);
        // The YES view: a NO bid at p is a YES ask at 1 − p.
        bool yes = instrument.Outcome?.IsYes ?? true;
        bool bid = (order.Request.Side == Side.Buy) == yes;
        if (resting)
        {
            _resting[order.Request.Id] = (m, bid, yes ? order.Request.Price.Raw : FixedPoint.Scale - order.Request.Price.Raw);
            if (bid) tally.RestingBids++;
            else tally.RestingAsks++;
        }
        else
        {
            var (_, wasBid, _) = _resting[order.Request.Id];
            _resting.Remove(order.Request.Id);
            if (wasBid) tally.RestingBids--;
            else tally.RestingAsks--;
        }
    }

    /// <inheritdoc />
    public void OnFill(IOrderView? order, Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var ctx = Ctx;
        var instrument = ctx.Instruments.Get(fill.Instrument);
        int m = _marketOf[instrument.Index];
        var tally = _markets[m];
        long now = ctx.Time.GetUtcNow().UtcTicks;
        long midTwice = _midTwice[instrument.Index];
        long spreadRaw = 0;
        double spreadBps = double.NaN;
        if (midTwice > 0)
        {
            // (mid − price)·size for a buy, exact: mid is kept doubled so a half-tick mid loses nothing.
            Int128 edgeTwice = (Int128)(fill.Side == Side.Buy ? midTwice - 2 * fill.Price.Raw : 2 * fill.Price.Raw - midTwice);
            spreadRaw = (long)(edgeTwice * fill.Size.Raw / (2 * (Int128)FixedPoint.Scale));
            spreadBps = (double)edgeTwice / midTwice * 10_000;
            tally.SpreadBpsSum += spreadBps;
        }

        tally.Fills++;
        if (fill.Liquidity == Liquidity.Maker) tally.MakerFills++;
        tally.FilledRaw += fill.Size.Raw;
        tally.VolumeRaw += fill.Notional.Raw;
        tally.SpreadRaw += spreadRaw;
        tally.FeesRaw += fill.Fee.Raw;
        tally.RebatesRaw += fill.Rebate.Raw;
        tally.AccrueInventory(now);
        long q = InventoryOf(instrument);
        tally.InventoryRaw = q;
        tally.InventoryMinRaw = Math.Min(tally.InventoryMinRaw, q);
        tally.InventoryMaxRaw = Math.Max(tally.InventoryMaxRaw, q);
        bool yes = instrument.Outcome?.IsYes ?? true;
        _chartFills.Add(new ChartFill(now, m, (fill.Side == Side.Buy) == yes, yes ? fill.Price.Raw : FixedPoint.Scale - fill.Price.Raw, fill.Size.Raw));
        _fills.Add(new FillRecord(now, m, fill.Instrument.Symbol, fill.Side, fill.Price.Raw, fill.Size.Raw, fill.Fee.Raw, fill.Rebate.Raw, fill.Liquidity, midTwice, spreadRaw));
        for (int h = 0; h < MarketTally.Horizons.Length; h++)
            _pending[h].Enqueue(new PendingMarkout(now + MarketTally.Horizons[h] * TimeSpan.TicksPerSecond, instrument.Index, fill.Side, fill.Price.Raw, instrument.TickSize.Raw));
    }

    // The market's inventory in its YES view: YES − NO for a binary market, else the position.
    private long InventoryOf(Instrument instrument)
    {
        var pf = Ctx.Portfolio;
        return instrument.Outcome is { } links ? pf.NetDelta(links.MarketId).Raw : pf.QuantityOf(instrument.Id).Raw;
    }

    /// <inheritdoc />
    public void OnTimer(in TimerEvent timer)
    {
        SettleMarkouts();
        Sample(Ctx.Time.GetUtcNow().UtcTicks);
    }

    /// <inheritdoc />
    public void OnTradingState(TradingState state)
    {
        if (state != _state) _states.Add(new TradingStateChange(Ctx.Time.GetUtcNow().UtcTicks, state));
        _state = state;
    }

    // The once-a-second sample: equity, and per market the touch, our best quotes and the inventory.
    private void Sample(long now)
    {
        var ctx = Ctx;
        Equity.Add(now, ctx.Portfolio);
        Span<long> quoteBid = _markets.Count <= 64 ? stackalloc long[_markets.Count] : new long[_markets.Count];
        Span<long> quoteAsk = _markets.Count <= 64 ? stackalloc long[_markets.Count] : new long[_markets.Count];
        foreach (var (market, bid, price) in _resting.Values)
        {
            if (bid) quoteBid[market] = Math.Max(quoteBid[market], price);
            else if (quoteAsk[market] == 0 || price < quoteAsk[market]) quoteAsk[market] = price;
        }

        for (int m = 0; m < _markets.Count; m++)
        {
            int i = _priceInstrument[m];
            _series[m].Add(now, _bestBid[i], _bestAsk[i], _midTwice[i], quoteBid[m], quoteAsk[m], InventoryOf(ctx.Instruments.All[i]));
        }
    }

    /// <inheritdoc />
    public void Shutdown() => Finish();

    /// <summary>Closes the clocks and takes the last equity sample (called at shutdown, again harmlessly at the end).</summary>
    public void Finish()
    {
        if (_ctx is null) return;
        long now = _ctx.Time.GetUtcNow().UtcTicks;
        foreach (var t in _markets)
        {
            t.AccrueQuotes(now);
            t.AccrueInventory(now);
        }

        foreach (var t in _markets) t.NetRaw = 0;
        foreach (var i in _ctx.Instruments.All)
            if (_ctx.Portfolio.GetPosition(i) is { } position) _markets[_marketOf[i.Index]].NetRaw += position.NetPnl().Raw;
        Sample(now);
    }

    // A markout is taken at the first book update or timer at or after its horizon, against the instrument's mid then;
    // positive = the market moved our way (up after a buy, down after a sell).
    private void SettleMarkouts()
    {
        long now = Ctx.Time.GetUtcNow().UtcTicks;
        for (int h = 0; h < _pending.Length; h++)
        {
            var queue = _pending[h];
            while (queue.TryPeek(out var p) && p.DueTicks <= now)
            {
                queue.Dequeue();
                long midTwice = _midTwice[p.Instrument];
                if (midTwice <= 0) continue;
                double move = (midTwice / 2.0 - p.PriceRaw) * (p.Side == Side.Buy ? 1 : -1);
                var tally = _markets[_marketOf[p.Instrument]];
                double bps = move / p.PriceRaw * 10_000;
                tally.MarkoutCount[h]++;
                tally.MarkoutBpsSum[h] += bps;
                tally.MarkoutBpsSquares[h] += bps * bps;
                tally.MarkoutTicksSum[h] += move / p.TickRaw;
            }
        }
    }

    private IStrategyContext Ctx => _ctx ?? throw new InvalidOperationException("the recorder has not started");

    private readonly record struct PendingMarkout(long DueTicks, int Instrument, Side Side, long PriceRaw, long TickRaw);
}

/// <summary>One fill of ours as the backtest saw it (raw fixed-point values; <c>MidTwice</c> = 2 × mid, 0 when no mid).</summary>
public readonly record struct FillRecord(long TimeTicks, int Market, string Symbol, Side Side, long PriceRaw, long SizeRaw, long FeeRaw, long RebateRaw, Liquidity Liquidity, long MidTwice, long SpreadRaw);

/// <summary>One fill of ours in its market's YES view, for the report's price chart (raw fixed-point values).</summary>
public readonly record struct ChartFill(long TimeTicks, int Market, bool Buy, long PriceRaw, long SizeRaw);
