using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;
using Bookmaker.Engine.Tests.Journal;
using Bookmaker.Engine.Tests.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;

namespace Bookmaker.Engine.Tests.Kernel;

/// <summary>
/// One sequence per fill: ledger ⇒ risk ⇒ journal ⇒ strategies ⇒ then what the fill made the gate decide. A fill that
/// breaches the daily loss limit denies the next order at once, but the HALT and its cancel-all come after the fill.
/// </summary>
public sealed class FillThenHaltOrderTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly ListJournal _journal = new();
    private readonly RecordingExecutionClient _client = new();
    private readonly Witness _witness = new();
    private readonly EngineHost _host;
    private readonly Instrument _yes;

    public FillThenHaltOrderTests()
    {
        _yes = TestMarkets.YesToken(VenueNames.Simulated);
        _host = EngineKit.Create(_clock, [new ScriptedVenue(VenueNames.Simulated, [_yes], _client)],
            new EngineHostOptions { Risk = new RiskLimits { DailyLossLimit = Money.FromUnits(5) } }, _journal);
        _host.AddStrategy(_witness);
        EngineKit.StartVenues(_host);
        Book("0.48", "0.52");
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private void Book(string bid, string ask)
    {
        var s = new BookSnapshot { Sequence = 1 };
        s.Bids.Add(new BookLevel(Price.Parse(bid), Quantity.FromUnits(500)));
        s.Asks.Add(new BookLevel(Price.Parse(ask), Quantity.FromUnits(500)));
        long now = _clock.GetUtcNow().UtcTicks;
        _host.Engine.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, _yes.Index, Side.Buy, default, default, 1, 0, now, now, true, s));
    }

    /// <summary>
    /// Buys 100 at 0.52; the book falls to 0.40/0.44 before the venue reports the fill, so the position opens marked at
    /// the 0.42 mid: a 10-dollar loss against a 5-dollar daily limit, decided by the fill itself.
    /// </summary>
    private ClientOrderId BuyAndFillAtALoss()
    {
        var outcome = _host.Engine.Orders.Submit(new OrderRequest(default, _yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.52"), Quantity.FromUnits(100)));
        Assert.True(outcome.Sent, outcome.Decision.Code);
        var now = _clock.GetUtcNow();
        _host.Engine.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, outcome.Id, _yes.Id, "v1", RejectReason.None, null, null, null, now));
        Book("0.40", "0.44");
        _host.Engine.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, outcome.Id, _yes.Id, "v1", RejectReason.None, null,
            new Fill("t1", outcome.Id, _yes.Id, Side.Buy, Price.Parse("0.52"), Quantity.FromUnits(100), Money.Zero, Money.Zero, Liquidity.Maker, now), null, now));
        _host.Loop.DrainPending();
        return outcome.Id;
    }

    [Fact]
    public void A_breaching_fill_is_journaled_before_the_halt_it_causes()
    {
        var id = BuyAndFillAtALoss();

        Assert.Equal(TradingState.Halted, _host.Engine.Gate.State);
        int filled = _journal.Entries.FindIndex(e => e.Kind == JournalKind.OrderState && e.OrderId == id.Value && e.Payload.Contains("\"Filled\"", StringComparison.Ordinal));
        int halted = _journal.Entries.FindIndex(e => e.Kind == JournalKind.TradingState && e.Payload.Contains("HALTED", StringComparison.Ordinal));
        Assert.True(filled >= 0 && halted >= 0, "both the Filled state and the HALT are journaled");
        Assert.True(filled < halted, $"Filled at {filled}, HALTED at {halted}");
    }

    [Fact]
    public void Strategies_see_the_breaching_fill_before_the_halt()
    {
        BuyAndFillAtALoss();

        int fill = _witness.Calls.IndexOf("fill");
        int halt = _witness.Calls.IndexOf("state:Halted");
        Assert.True(fill >= 0 && halt >= 0, string.Join(",", _witness.Calls));
        Assert.True(fill < halt, string.Join(",", _witness.Calls));
    }

    [Fact]
    public void The_halt_is_journaled_then_alerted_then_frozen_after_the_fill()
    {
        var id = BuyAndFillAtALoss();

        int filled = _journal.Entries.FindIndex(e => e.Kind == JournalKind.OrderState && e.OrderId == id.Value && e.Payload.Contains("\"Filled\"", StringComparison.Ordinal));
        int halted = _journal.Entries.FindIndex(e => e.Kind == JournalKind.TradingState && e.Payload.Contains("HALTED", StringComparison.Ordinal));
        int alerted = _journal.Entries.FindIndex(e => e.Kind == JournalKind.Alert && e.Payload.Contains("\"trading_halted\"", StringComparison.Ordinal));
        Assert.True(filled >= 0 && halted >= 0 && alerted >= 0, "the Filled state, the HALT and its alert are journaled");
        Assert.True(filled < halted && halted < alerted, $"Filled at {filled}, HALTED at {halted}, trading_halted at {alerted}");
        Assert.True(_host.Engine.Orders.IsFrozen || _host.Engine.Orders.LiveCount == 0, "the freeze follows the announcement");
    }

    [Fact]
    public void The_order_after_a_breaching_fill_is_denied_even_before_the_halt_is_announced()
    {
        _witness.SubmitOnFill = true;

        BuyAndFillAtALoss();

        Assert.Equal(DenyReason.DailyLossBreached, _witness.DenialOnFill);
    }

    /// <summary>Records the order of callbacks; optionally tries to submit from inside its fill callback.</summary>
    private sealed class Witness : IStrategy
    {
        private IStrategyContext _ctx = null!;

        public List<string> Calls { get; } = [];

        public bool SubmitOnFill { get; set; }

        public DenyReason? DenialOnFill { get; private set; }

        public string Name => "witness";

        public void Start(IStrategyContext context) => _ctx = context;

        public void OnBook(Instrument instrument, IOrderBookView book)
        {
        }

        public void OnTrade(Instrument instrument, Side aggressor, Price price, Quantity size, long timeTicks)
        {
        }

        public void OnOrderChanged(IOrderView order) => Calls.Add("order:" + order.Status);

        public void OnFill(IOrderView? order, Fill fill)
        {
            Calls.Add("fill");
            if (!SubmitOnFill || order is null) return;
            var outcome = _ctx.Submit(new OrderRequest(default, order.Instrument, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.40"), Quantity.FromUnits(10)));
            DenialOnFill = outcome.Decision.Reason;
        }

        public void OnTimer(in TimerEvent timer)
        {
        }

        public void OnTradingState(TradingState state) => Calls.Add("state:" + state);

        public void Shutdown()
        {
        }
    }
}
