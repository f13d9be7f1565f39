using Bookmaker.Backtest.Inputs;
using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Strategies.MarketMaking;

namespace Bookmaker.Backtest.Metrics;

/// <summary>
/// Samples liquidity-reward scores once a minute of simulated time, as Polymarket samples resting orders, for every
/// market with reward terms: our acknowledged resting orders on both tokens against the recorded book of the YES token
/// (or the NO token's, mirrored, while the YES book is stale). A strategy that never trades: it reads the same books and
/// orders the engine holds and changes nothing, so adding it moves no fill.
/// </summary>
public sealed class BacktestRewardSampler(IReadOnlyDictionary<InstrumentId, RewardTerms> terms) : IStrategy
{
    private readonly List<(Instrument Yes, Instrument? No, RewardParameters Parameters, RewardTally Tally)> _markets = [];
    private readonly List<RewardOrder> _orders = [];
    private BookLevel[] _bids = new BookLevel[64];
    private BookLevel[] _asks = new BookLevel[64];
    private IStrategyContext? _ctx;

    /// <summary>Name in the journal.</summary>
    public string Name => "backtest-reward-sampler";

    /// <summary>The rewarded markets' tallies, in instrument order.</summary>
    public IReadOnlyList<RewardTally> Markets => _markets.ConvertAll(m => m.Tally);

    /// <inheritdoc />
    public void Start(IStrategyContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
        foreach (var i in context.Instruments.All)
        {
            if (i.Outcome is { IsYes: false }) continue;
            Instrument? no = i.Outcome is { } links ? context.Instruments.Get(links.Complement) : null;
            // The programme is the market's: either token's spec may name it (the plan checked they agree).
            if (!terms.TryGetValue(i.Id, out var t) && (no is null || !terms.TryGetValue(no.Id, out t))) continue;
            var parameters = new RewardParameters(t.MaxSpreadCents, t.MinSize);
            _markets.Add((i, no, parameters, new RewardTally(i.Outcome?.MarketId ?? i.Id.ToString(), t)));
        }

        if (_markets.Count > 0) context.ScheduleTimer(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), purpose: 0);
    }

    /// <inheritdoc />
    public void OnTimer(in TimerEvent timer)
    {
        var ctx = _ctx ?? throw new InvalidOperationException("the reward sampler has not started");
        foreach (var (yes, no, parameters, tally) in _markets)
        {
            _orders.Clear();
            Ours(ctx, yes, onComplement: false);
            if (no is not null) Ours(ctx, no, onComplement: true);
            var (bids, asks) = BookOf(ctx, yes, no);
            tally.Add(RewardSampling.Sample(parameters, _bids.AsSpan(0, bids), _asks.AsSpan(0, asks), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_orders)));
        }
    }

    // Only what rests at the venue scores: acknowledged, not final, with its unfilled size.
    private void Ours(IStrategyContext ctx, Instrument instrument, bool onComplement)
    {
        var live = ctx.LiveOrdersOn(instrument);
        for (int k = 0; k < live.Count; k++)
        {
            var o = live[k];
            if (o.IsAcknowledged && (o.Status is OrderStatus.Open or OrderStatus.PartiallyFilled) && o.LeavesSize.Raw > 0)
                _orders.Add(new RewardOrder(o.Side, onComplement, o.Request.Price, o.LeavesSize));
        }
    }

    // The YES book's levels, best first; a NO book read in the YES view (its asks are YES bids at 1 − p) when only it is
    // live; nothing when neither is (the sample then has no midpoint). Returns how many levels of each side are in the buffers.
    private (int Bids, int Asks) BookOf(IStrategyContext ctx, Instrument yes, Instrument? no)
    {
        var book = ctx.Book(yes);
        if (!book.IsStale) return (Copy(book, Side.Buy, ref _bids, false), Copy(book, Side.Sell, ref _asks, false));
        if (no is not null && ctx.Book(no) is { IsStale: false } mirror)
            return (Copy(mirror, Side.Sell, ref _bids, true), Copy(mirror, Side.Buy, ref _asks, true));
        return (0, 0);
    }

    private static int Copy(IOrderBookView book, Side side, ref BookLevel[] buffer, bool complement)
    {
        int count = side == Side.Buy ? book.BidLevelCount : book.AskLevelCount;
        if (buffer.Length < count) buffer = new BookLevel[Math.Max(count, buffer.Length * 2)];
        int n = book.CopyDepth(side, buffer);
        if (complement)
            for (int k = 0; k < n; k++) buffer[k] = new BookLevel(buffer[k].Price.Complement(), buffer[k].Size);
        return n;
    }

    /// <inheritdoc />
    public void OnBook(Instrument instrument, IOrderBookView book)
    {
    }

    /// <inheritdoc />
    public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
    {
    }

    /// <inheritdoc />
    public void OnOrderChanged(IOrderView order)
    {
    }

    /// <inheritdoc />
    public void OnFill(IOrderView? order, Fill fill)
    {
    }

    /// <inheritdoc />
    public void OnTradingState(TradingState state)
    {
    }

    /// <inheritdoc />
    public void Shutdown()
    {
    }
}
