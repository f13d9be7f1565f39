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
    private readonly Dictionary<ClientOrderId, (int Market, bool Bid)> _resting = [];
    private readonly HashSet<ClientOrderId> _accepted = [];
    private readonly List<FillRecord> _fills = [];
    private IStrategyContext? _ctx;
    private int[] _marketOf = [];
    private long[] _midTwice = [];

    /// <summary>Name in the journal.</summary>
    public string Name => "backtest-recorder";

    /// <summary>Per-market tallies, in instrument order.</summary>
    public IReadOnlyList<MarketTally> Markets => _markets;

    /// <summary>Every fill of ours, in order.</summary>
    public IReadOnlyList<FillRecord> Fills => _fills;

    /// <summary>Equity samples, one a second of engine time (and one at the end).</summary>
    public EquitySeries Equity { get; } = new();

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
            }

            _marketOf[i.Index] = m;
        }

        _state = context.TradingState;
        Equity.Add(now, context.Portfolio);
        context.ScheduleTimer(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), purpose: 0);
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    /// <inheritdoc />
    public void OnBook(Instrument instrument, IOrderBookView book)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(book);
        if (book.HasBids && book.HasAsks && !book.IsStale) _midTwice[instrument.Index] = book.BestBid.Price.Raw + book.BestAsk.Price.Raw;
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
        // The YES view: a NO bid is a YES ask.
        bool bid = (order.Request.Side == Side.Buy) == (instrument.Outcome?.IsYes ?? true);
        if (resting)
        {
            _resting[order.Request.Id] = (m, bid);
            if (bid) tally.RestingBids++;
            else tally.RestingAsks++;
        }
        else
        {
            var (_, wasBid) = _resting[order.Request.Id];
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
        Equity.Add(Ctx.Time.GetUtcNow().UtcTicks, Ctx.Portfolio);
    }

    /// <inheritdoc />
    public void OnTradingState(TradingState state) => _state = state;

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
        Equity.Add(now, _ctx.Portfolio);
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
