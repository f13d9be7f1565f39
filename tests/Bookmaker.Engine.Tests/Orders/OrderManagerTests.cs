using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Orders;

public sealed class OrderManagerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly RecordingExecutionClient _client = new();
    private readonly InstrumentRegistry _reg = new();
    private readonly AlertCenter _alerts;
    private readonly RiskGate _gate;
    private readonly PortfolioBook _portfolio;
    private readonly OrderManager _om;
    private readonly EventLoop _loop;
    private readonly Instrument _yes;
    private readonly Instrument _no;
    private int _trade;

    public OrderManagerTests()
    {
        var yesId = new InstrumentId(VenueNames.Simulated, "yes");
        var noId = new InstrumentId(VenueNames.Simulated, "no");
        _yes = _reg.Add(new Instrument(yesId, InstrumentKind.OutcomeToken, 2, Price.Parse("0.01"), Quantity.Parse("0.01"), Quantity.FromUnits(5), Price.Parse("0.01"), Price.Parse("0.99"), "polymarket", new OutcomeLinks("m1", "Yes", true, noId)));
        _no = _reg.Add(new Instrument(noId, InstrumentKind.OutcomeToken, 2, Price.Parse("0.01"), Quantity.Parse("0.01"), Quantity.FromUnits(5), Price.Parse("0.01"), Price.Parse("0.99"), "polymarket", new OutcomeLinks("m1", "No", false, yesId)));
        _alerts = new AlertCenter(_clock);
        _portfolio = new PortfolioBook(_reg, Money.FromUnits(1_000));
        _gate = new RiskGate(_reg, _portfolio, new RiskLimits(), _clock, _alerts);
        _gate.Initialize(Money.Zero, Money.Zero, _portfolio.Cash, _portfolio.Equity);
        _portfolio.SetMark(_yes, Price.Parse("0.50"));
        _portfolio.SetMark(_no, Price.Parse("0.50"));
        _om = new OrderManager(_reg, new Dictionary<string, IExecutionClient> { [VenueNames.Simulated] = _client }, _gate, _portfolio,
            new NullJournal(), _alerts, _clock, new ClientOrderIdGenerator(1));
        _gate.StateChanged += _om.OnTradingStateChanged;
        _loop = new EventLoop(_clock);
        _loop.Attach(new Router(_om));
        _om.Attach(_loop);
    }

    public void Dispose() => _om.Dispose();

    private sealed class Router(OrderManager om) : IEventConsumer
    {
        public void OnMarketData(in MarketDataEvent e) { }
        public void OnExecutionReport(ExecutionReport report) => om.OnExecutionReport(report);
        public void OnRequestFailed(VenueRequestFailed failure) => om.OnRequestFailed(failure);
        public void OnVenueStatus(VenueStatusEvent status) => om.OnVenueStatus(status);
        public void OnAccountSnapshot(AccountSnapshot snapshot) => om.OnAccountSnapshot(snapshot);
        public void OnTimer(in TimerEvent timer) => om.OnTimer(timer);
        public void OnCommand(OperatorCommand command) { }

        public void OnFault(Exception exception, LoopActivity activity) => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
    }

    private OrderRequest Bid(Instrument i, string price = "0.49", long size = 10) =>
        new(default, i.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.FromUnits(size));

    private ExecutionReport Ack(ClientOrderId id, Instrument i) =>
        new(ExecutionReportKind.Accepted, id, i.Id, $"v{id.Sequence}", RejectReason.None, null, null, null, _clock.GetUtcNow());

    private ExecutionReport FillOf(ClientOrderId id, Instrument i, Side side, string price, long size, string? tradeId = null) =>
        new(ExecutionReportKind.Filled, id, i.Id, null, RejectReason.None, null,
            new Fill(tradeId ?? $"t{++_trade}", id, i.Id, side, Price.Parse(price), Quantity.FromUnits(size), Money.Zero, Money.Zero, Liquidity.Maker, _clock.GetUtcNow()),
            null, _clock.GetUtcNow());

    private void Run(TimeSpan span) => new SimulationDriver(_loop, _clock).RunFor(span);

    [Fact]
    public void Tracks_the_order_as_pending_before_the_request_leaves()
    {
        var outcome = _om.Submit(Bid(_yes));

        Assert.True(outcome.Sent);
        var sent = Assert.Single(_client.Submitted);
        Assert.Equal(outcome.Id, sent.Id);
        Assert.Equal(OrderStatus.PendingNew, _om.Find(outcome.Id)!.Status);
    }

    [Fact]
    public void Denied_order_never_reaches_the_venue_and_is_counted_by_reason()
    {
        _gate.SetManualState(TradingState.Halted, "test");

        var outcome = _om.Submit(Bid(_yes));

        Assert.False(outcome.Sent);
        Assert.Empty(_client.Submitted);
        Assert.Equal(1, _om.Stats.DeniedByReason["halted"]);
    }

    [Fact]
    public void An_order_sent_in_the_same_instant_just_before_a_halt_is_not_counted_as_accepted_while_halted()
    {
        var before = _om.Submit(Bid(_yes));
        _gate.SetManualState(TradingState.Halted, "test"); // same engine instant, after the order left

        _om.OnExecutionReport(Ack(before.Id, _yes));

        Assert.Equal(0, _om.Stats.AcceptedWhileHalted);
    }

    [Fact]
    public void A_risk_denial_of_one_basket_leg_sends_no_leg()
    {
        var legs = new[] { Bid(_yes), Bid(_no, price: "0.495") };

        var decision = _om.SubmitBasket(legs, stackalloc ClientOrderId[2]);

        Assert.False(decision.IsAllowed);
        Assert.Empty(_client.Submitted);
        Assert.Equal(0, _om.LiveCount);
    }

    [Fact]
    public void Basket_legs_leave_in_batches_no_larger_than_the_venue_allows()
    {
        var reg = new RecordingExecutionClient(maxBatch: 2);
        using var om = new OrderManager(_reg, new Dictionary<string, IExecutionClient> { [VenueNames.Simulated] = reg }, _gate, _portfolio,
            new NullJournal(), _alerts, _clock, new ClientOrderIdGenerator(2));
        var legs = new[] { Bid(_yes, "0.40", 5), Bid(_yes, "0.41", 5), Bid(_no, "0.40", 5) };

        Assert.True(om.SubmitBasket(legs, stackalloc ClientOrderId[3]).IsAllowed);

        Assert.Equal([2, 1], reg.BatchSizes);
    }

    [Fact]
    public void Fill_before_the_ack_is_applied_to_the_portfolio()
    {
        var id = _om.Submit(Bid(_yes)).Id;

        _om.OnExecutionReport(FillOf(id, _yes, Side.Buy, "0.49", 4));
        _om.OnExecutionReport(Ack(id, _yes));

        Assert.Equal(Quantity.FromUnits(4), _portfolio.QuantityOf(_yes.Id));
        Assert.Equal(OrderStatus.PartiallyFilled, _om.Find(id)!.Status);
    }

    [Fact]
    public void Late_fill_after_cancel_is_applied()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        _om.OnExecutionReport(Ack(id, _yes));
        _om.Cancel(id);
        _om.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, id, _yes.Id, null, RejectReason.None, null, null, null, _clock.GetUtcNow()));

        _om.OnExecutionReport(FillOf(id, _yes, Side.Buy, "0.49", 3));

        Assert.Equal(Quantity.FromUnits(3), _portfolio.QuantityOf(_yes.Id));
        Assert.Equal(1, _om.Stats.LateFills);
    }

    [Fact]
    public void Duplicated_fill_is_applied_once()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        var fill = FillOf(id, _yes, Side.Buy, "0.49", 3, tradeId: "dup");

        _om.OnExecutionReport(fill);
        _om.OnExecutionReport(fill);

        Assert.Equal(Quantity.FromUnits(3), _portfolio.QuantityOf(_yes.Id));
        Assert.Equal(1, _om.Stats.Fills);
    }

    [Fact]
    public void Order_the_venue_repeatedly_does_not_know_is_given_up()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        for (int i = 0; i < 3; i++)
            _om.OnExecutionReport(new ExecutionReport(ExecutionReportKind.NotFound, id, _yes.Id, null, RejectReason.None, null, null, null, _clock.GetUtcNow()));

        Assert.Equal(OrderStatus.Cancelled, _om.Find(id)!.Status);
        Assert.Equal(0, _om.LiveCount);
    }

    [Fact]
    public void Cancel_is_always_sent_even_while_halted()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        _gate.SetManualState(TradingState.Halted, "test");

        Assert.True(_om.Cancel(id));

        Assert.Contains(id, _client.Cancels);
    }

    [Fact]
    public void An_order_sent_in_the_instant_before_a_halt_and_acknowledged_after_it_is_not_accepted_while_halted()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        _gate.SetManualState(TradingState.Halted, "test");
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        _om.OnExecutionReport(Ack(id, _yes));

        Assert.Equal((0, 0), (_om.Stats.AcceptedWhileHalted, _om.Stats.SubmittedWhileHalted));
    }

    private AccountSnapshot Snapshot(IReadOnlyList<VenueOpenOrder> open, IReadOnlyList<Fill>? fills = null, Money? cash = null,
        IReadOnlyDictionary<InstrumentId, Quantity>? positions = null) =>
        new(VenueNames.Simulated, _client.SnapshotRequests.LastOrDefault(), _clock.GetUtcNow(), true, open, cash ?? _portfolio.Cash,
            positions ?? new Dictionary<InstrumentId, Quantity>(), fills ?? []);

    [Fact]
    public void Reconciliation_cancels_an_unknown_order_found_on_the_venue()
    {
        var stranger = ClientOrderId.From(9, 9);
        _om.OnAccountSnapshot(Snapshot([new VenueOpenOrder(stranger, "v-x", _yes.Id, Side.Buy, Price.Parse("0.3"), Quantity.FromUnits(5), Quantity.Zero)]));

        Assert.Contains(stranger, _client.Cancels);
        Assert.Equal(1, _om.Stats.ReconciliationFindings);
    }

    [Fact]
    public void Reconciliation_closes_a_local_order_the_venue_does_not_have()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        _om.OnExecutionReport(Ack(id, _yes));
        _clock.Advance(TimeSpan.FromSeconds(10));
        _om.RequestReconciliation();

        _om.OnAccountSnapshot(Snapshot([]));

        Assert.Equal(OrderStatus.Cancelled, _om.Find(id)!.Status);
    }

    [Fact]
    public void Reconciliation_does_not_judge_an_order_younger_than_the_grace()
    {
        _om.RequestReconciliation();
        var id = _om.Submit(Bid(_yes)).Id;

        _om.OnAccountSnapshot(Snapshot([]));

        Assert.Equal(OrderStatus.PendingNew, _om.Find(id)!.Status);
    }

    [Fact]
    public void Reconciliation_applies_a_missed_fill_once()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        var fill = FillOf(id, _yes, Side.Buy, "0.49", 10, "missed").Fill!;

        _om.OnAccountSnapshot(Snapshot([], [fill]));
        _om.OnAccountSnapshot(Snapshot([], [fill]));

        Assert.Equal(Quantity.FromUnits(10), _portfolio.QuantityOf(_yes.Id));
        Assert.Equal(OrderStatus.Filled, _om.Find(id)!.Status);
    }

    [Fact]
    public void Reconciliation_acknowledges_a_pending_order_found_live()
    {
        var id = _om.Submit(Bid(_yes)).Id;

        _om.OnAccountSnapshot(Snapshot([new VenueOpenOrder(id, "v1", _yes.Id, Side.Buy, Price.Parse("0.49"), Quantity.FromUnits(10), Quantity.Zero)]));

        Assert.Equal(OrderStatus.Open, _om.Find(id)!.Status);
    }

    [Fact]
    public void Reconciliation_adopts_the_venue_cash_when_it_differs()
    {
        _om.OnAccountSnapshot(Snapshot([], cash: Money.FromUnits(900)));

        Assert.Equal(Money.FromUnits(900), _portfolio.Cash);
        Assert.Equal(Money.FromUnits(-100), _portfolio.CashAdjustments);
    }

    [Fact]
    public void Incomplete_snapshot_repairs_nothing()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        _clock.Advance(TimeSpan.FromSeconds(10));
        var snap = Snapshot([]) with { Complete = false };

        _om.OnAccountSnapshot(snap);

        Assert.Equal(OrderStatus.PendingNew, _om.Find(id)!.Status);
        Assert.True(_alerts.IsActive("reconcile_incomplete", VenueNames.Simulated));
    }

    [Fact]
    public void Freeze_sends_cancel_all_and_marks_orders_pending_cancel()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        _om.OnExecutionReport(Ack(id, _yes));

        _om.Freeze("test");

        Assert.Equal(1, _client.CancelAlls);
        Assert.Equal(OrderStatus.PendingCancel, _om.Find(id)!.Status);
    }

    [Fact]
    public void Freeze_retries_per_order_and_raises_critical_after_the_deadline()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        _om.OnExecutionReport(Ack(id, _yes));
        _om.Freeze("test");

        Run(TimeSpan.FromSeconds(31));

        Assert.Contains(id, _client.Cancels);
        Assert.True(_alerts.IsActive("cancel_all_stuck"));
        Assert.Equal(TradingState.Halted, _gate.State);
    }

    [Fact]
    public void Freeze_completes_when_the_venue_confirms_every_cancel()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        _om.OnExecutionReport(Ack(id, _yes));
        _om.Freeze("test");
        _om.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, id, _yes.Id, null, RejectReason.None, null, null, null, _clock.GetUtcNow()));

        Run(TimeSpan.FromSeconds(2));

        Assert.False(_om.IsFrozen);
        Assert.False(_alerts.IsActive("cancel_all_stuck"));
    }

    [Fact]
    public void Failed_cancels_during_a_freeze_keep_one_retry_chain()
    {
        var id = _om.Submit(Bid(_yes)).Id;
        _om.OnExecutionReport(Ack(id, _yes));
        _om.Freeze("test");
        for (int i = 0; i < 5; i++)
            _om.OnRequestFailed(new VenueRequestFailed(VenueNames.Simulated, VenueEndpoint.Cancel, 500, RejectReason.VenueError, "boom", [id], _clock.GetUtcNow()));

        Run(TimeSpan.FromSeconds(5));

        // One chain: a step 200 ms after the failures, then one a second (1.2, 2.2, 3.2, 4.2 s): five cancels, not
        // five per failed cancel.
        Assert.Equal(5, _client.Cancels.Count);
    }

    [Fact]
    public void A_reconciliation_asked_for_soon_goes_out_again_when_the_venue_never_answered_the_last()
    {
        var first = _om.Submit(Bid(_yes)).Id;
        _om.OnRequestFailed(new VenueRequestFailed(VenueNames.Simulated, VenueEndpoint.Submit, 0, RejectReason.Timeout, "timeout", [first], _clock.GetUtcNow()));
        Run(TimeSpan.FromSeconds(1));
        var second = _om.Submit(Bid(_yes)).Id;

        _om.OnRequestFailed(new VenueRequestFailed(VenueNames.Simulated, VenueEndpoint.Submit, 0, RejectReason.Timeout, "timeout", [second], _clock.GetUtcNow()));
        Run(TimeSpan.FromSeconds(1));

        Assert.Equal(2, _client.SnapshotRequests.Count);
    }

    [Fact]
    public void Rate_limit_answer_pauses_submits_to_that_venue_for_retry_after()
    {
        _om.OnRequestFailed(new VenueRequestFailed(VenueNames.Simulated, VenueEndpoint.Submit, 429, RejectReason.RateLimited, "slow down", [], _clock.GetUtcNow(), TimeSpan.FromSeconds(3)));

        Assert.Equal(DenyReason.SubmitsPaused, _om.Submit(Bid(_yes)).Decision.Reason);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(_om.Submit(Bid(_yes)).Sent);
    }

    [Fact]
    public void A_storm_of_failed_requests_opens_no_circuit_in_the_engine()
    {
        // The one submit circuit breaker is the adapter's (Polly); the engine counts no failures, it mirrors the adapter's.
        for (int i = 0; i < 10; i++)
            _om.OnRequestFailed(new VenueRequestFailed(VenueNames.Simulated, VenueEndpoint.Submit, 500, RejectReason.VenueError, "boom", [], _clock.GetUtcNow()));

        Assert.True(_om.Submit(Bid(_yes)).Sent);
        Assert.False(_alerts.IsActive("circuit_open", VenueNames.Simulated));
    }

    [Fact]
    public void Circuit_reported_open_by_the_adapter_denies_submits_until_it_half_opens()
    {
        _om.OnVenueStatus(new VenueStatusEvent(VenueNames.Simulated, VenueState.CircuitOpen, _clock.GetUtcNow(), TimeSpan.FromSeconds(30), "breaker"));
        Assert.Equal(DenyReason.CircuitOpen, _om.Submit(Bid(_yes)).Decision.Reason);

        _om.OnVenueStatus(new VenueStatusEvent(VenueNames.Simulated, VenueState.CircuitHalfOpen, _clock.GetUtcNow(), null, "trial"));

        Assert.True(_om.Submit(Bid(_yes)).Sent);
    }

    [Fact]
    public void Timed_out_submit_triggers_a_reconciliation_soon()
    {
        var id = _om.Submit(Bid(_yes)).Id;

        _om.OnRequestFailed(new VenueRequestFailed(VenueNames.Simulated, VenueEndpoint.Submit, 0, RejectReason.Timeout, "timeout", [id], _clock.GetUtcNow()));
        Run(TimeSpan.FromSeconds(1));

        Assert.NotEmpty(_client.SnapshotRequests);
        Assert.Equal(OrderStatus.PendingNew, _om.Find(id)!.Status);
    }

    [Fact]
    public void Losing_fills_past_the_daily_limit_halt_and_freeze()
    {
        var id = _om.Submit(Bid(_yes, "0.50", 300)).Id;
        _om.OnExecutionReport(FillOf(id, _yes, Side.Buy, "0.50", 300));
        _portfolio.SetMark(_yes.Id, Price.Parse("0.01"));

        _om.PushAccount();

        Assert.True(_gate.IsBreached);
        Assert.True(_om.IsFrozen || _om.LiveCount == 0);
        Assert.False(_om.Submit(Bid(_yes, "0.01", 5)).Sent);
    }

    [Fact]
    public void A_position_restored_from_the_journal_keeps_the_age_of_its_fills_for_max_hold_time()
    {
        var restored = new RecoveredState();
        restored.Fills.Add(new Fill("t-old", ClientOrderId.From(0, 1), _yes.Id, Side.Buy, Price.Parse("0.50"), Quantity.FromUnits(10),
            Money.Zero, Money.Zero, Liquidity.Maker, _clock.GetUtcNow() - TimeSpan.FromHours(5)));
        _om.Restore(restored);

        var decision = _om.Submit(Bid(_yes, "0.49", 10)).Decision;

        Assert.Equal(DenyReason.MaxHoldTime, decision.Reason);
    }

    [Fact]
    public void A_round_trip_of_a_restored_position_feeds_the_consecutive_loss_breaker()
    {
        var restored = new RecoveredState();
        restored.Fills.Add(new Fill("t-open", ClientOrderId.From(0, 1), _yes.Id, Side.Buy, Price.Parse("0.50"), Quantity.FromUnits(10),
            Money.Zero, Money.Zero, Liquidity.Maker, _clock.GetUtcNow() - TimeSpan.FromMinutes(1)));
        _om.Restore(restored);
        var id = _om.Submit(new OrderRequest(default, _yes.Id, Side.Sell, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.45"), Quantity.FromUnits(10))).Id;

        _om.OnExecutionReport(FillOf(id, _yes, Side.Sell, "0.45", 10));

        Assert.Equal(1, _gate.ConsecutiveLosses);
    }
}
