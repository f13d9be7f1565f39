using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Tests.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Orders;

/// <summary>Amends through the order manager and the risk gate: the gate's verdict, the order's amend states, the commitments and a fill racing the amend.</summary>
public sealed class AmendTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly AmendingClient _bybit = new();
    private readonly RecordingExecutionClient _sim = new();
    private readonly InstrumentRegistry _reg = new();
    private readonly RiskGate _gate;
    private readonly PortfolioBook _portfolio;
    private readonly ListJournal _journal = new();
    private readonly OrderManager _om;
    private readonly Instrument _btc;
    private readonly Instrument _simBtc;
    private int _trade;

    public AmendTests()
    {
        _btc = _reg.Add(Perp(VenueNames.Bybit));
        _simBtc = _reg.Add(Perp(VenueNames.Simulated));
        var alerts = new AlertCenter(_clock);
        _portfolio = new PortfolioBook(_reg, Money.FromUnits(10_000));
        _gate = new RiskGate(_reg, _portfolio, new RiskLimits { MaxOrderNotional = Money.FromUnits(500) }, _clock, alerts);
        _gate.Initialize(Money.Zero, Money.Zero, _portfolio.Cash, _portfolio.Equity);
        _portfolio.SetMark(_btc, Price.Parse("60000"));
        _portfolio.SetMark(_simBtc, Price.Parse("60000"));
        _om = new OrderManager(_reg, new Dictionary<string, IExecutionClient> { [VenueNames.Bybit] = _bybit, [VenueNames.Simulated] = _sim }, _gate, _portfolio,
            _journal, alerts, _clock, new ClientOrderIdGenerator(1));
        _gate.StateChanged += _om.OnTradingStateChanged;
    }

    public void Dispose() => _om.Dispose();

    private static Instrument Perp(string venue) =>
        new(new InstrumentId(venue, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1, Price.Parse("0.1"), Quantity.Parse("0.001"), Quantity.Parse("0.001"),
            Price.Parse("0.1"), Price.Parse("1999999"), "proportional");

    private ClientOrderId RestingBid(Instrument i, string price = "59000", string size = "0.002")
    {
        var outcome = _om.Submit(new OrderRequest(default, i.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.Parse(size), PostOnly: true));
        Assert.True(outcome.Sent);
        _om.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, outcome.Id, i.Id, "v1", RejectReason.None, null, null, null, _clock.GetUtcNow()));
        return outcome.Id;
    }

    private void Answer(ExecutionReportKind kind, ClientOrderId id, RejectReason reason = RejectReason.None) =>
        _om.OnExecutionReport(new ExecutionReport(kind, id, _btc.Id, null, reason, null, null, null, _clock.GetUtcNow()));

    private void FillOf(ClientOrderId id, string price, string size, Quantity? leaves = null) =>
        _om.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, id, _btc.Id, null, RejectReason.None, null,
            new Fill($"t{++_trade}", id, _btc.Id, Side.Buy, Price.Parse(price), Quantity.Parse(size), Money.Zero, Money.Zero, Liquidity.Maker, _clock.GetUtcNow()),
            leaves, _clock.GetUtcNow()));

    private static Money Locked(string price, string size) => Money.Notional(Price.Parse(price), Quantity.Parse(size), MidpointRounding.ToPositiveInfinity);

    [Fact]
    public void An_allowed_amend_goes_to_the_venue_with_the_same_id_and_is_journaled_before()
    {
        var id = RestingBid(_btc);

        var outcome = _om.Amend(id, Price.Parse("59100"), Quantity.Parse("0.003"));

        Assert.True(outcome.Sent);
        Assert.Equal((id, Price.Parse("59100"), Quantity.Parse("0.003")), Assert.Single(_bybit.Amends));
        var order = _om.Find(id)!;
        Assert.Equal((AmendState.Pending, Price.Parse("59000")), (order.AmendState, order.Request.Price));
        Assert.Contains(_journal.Entries, e => e.Kind == JournalKind.AmendRequested && e.OrderId == id.Value && e.Payload.Contains("59100", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gate_denies_an_amend_that_breaches_the_order_notional_limit()
    {
        var id = RestingBid(_btc);

        // 0.01 × 60,000 = 600 USDT against a 500 USDT limit.
        var outcome = _om.Amend(id, null, Quantity.Parse("0.01"));

        Assert.Equal(DenyReason.MaxOrderNotional, outcome.Decision.Reason);
        Assert.Empty(_bybit.Amends);
        Assert.Equal((AmendState.None, Quantity.Parse("0.002")), (_om.Find(id)!.AmendState, _om.Find(id)!.Request.Size));
        Assert.Contains(_journal.Entries, e => e.Kind == JournalKind.RiskDenied && e.Payload.Contains("\"action\":\"amend\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gate_denies_an_amend_outside_the_fat_finger_band()
    {
        var id = RestingBid(_btc);

        var outcome = _om.Amend(id, Price.Parse("50000"), null);

        Assert.Equal(DenyReason.FatFinger, outcome.Decision.Reason);
        Assert.Empty(_bybit.Amends);
    }

    [Fact]
    public void An_amend_while_halted_is_denied()
    {
        var id = RestingBid(_btc);
        _gate.SetManualState(TradingState.Halted, "test");
        // The halt's freeze asked to cancel the order; the venue refused, so it rests again and could be amended.
        Answer(ExecutionReportKind.CancelRejected, id);
        Assert.Equal(OrderStatus.Open, _om.Find(id)!.Status);

        var outcome = _om.Amend(id, null, Quantity.Parse("0.001"));

        Assert.Equal(DenyReason.Halted, outcome.Decision.Reason);
        Assert.Empty(_bybit.Amends);
    }

    [Fact]
    public void A_cancel_while_halted_still_goes_out()
    {
        var id = RestingBid(_btc);
        _gate.SetManualState(TradingState.Halted, "test");
        _bybit.Cancels.Clear();

        Assert.True(_om.Cancel(id));
        Assert.Contains(id, _bybit.Cancels);
    }

    [Fact]
    public void An_amend_while_reducing_that_only_shrinks_the_order_is_allowed()
    {
        var id = RestingBid(_btc);
        _gate.SetManualState(TradingState.Reducing, "test");

        Assert.True(_om.Amend(id, null, Quantity.Parse("0.001")).Sent);
    }

    [Fact]
    public void An_amend_while_reducing_that_moves_a_bid_up_is_denied()
    {
        var id = RestingBid(_btc);
        _gate.SetManualState(TradingState.Reducing, "test");

        var outcome = _om.Amend(id, Price.Parse("59100"), Quantity.Parse("0.001"));

        Assert.Equal(DenyReason.ReducingOnly, outcome.Decision.Reason);
    }

    [Fact]
    public void A_second_amend_while_one_is_in_flight_is_not_amendable()
    {
        var id = RestingBid(_btc);
        _om.Amend(id, Price.Parse("59100"), null);

        var second = _om.Amend(id, Price.Parse("59200"), null);

        Assert.False(second.Amendable);
        Assert.Single(_bybit.Amends);
    }

    [Fact]
    public void An_acknowledged_amend_puts_the_new_terms_in_force_and_locks_only_their_cash()
    {
        var id = RestingBid(_btc);
        var free = _gate.AvailableCash + Locked("59000", "0.002");
        _om.Amend(id, Price.Parse("59100"), Quantity.Parse("0.003"));

        Answer(ExecutionReportKind.Amended, id);

        var order = _om.Find(id)!;
        Assert.Equal((AmendState.Amended, Price.Parse("59100"), Quantity.Parse("0.003"), OrderStatus.Open), (order.AmendState, order.Request.Price, order.Request.Size, order.Status));
        Assert.Equal(free - Locked("59100", "0.003"), _gate.AvailableCash);
        Assert.Contains(_journal.Entries, e => e.Kind == JournalKind.OrderAmended && e.OrderId == id.Value);
    }

    [Fact]
    public void Recovery_from_the_journal_takes_the_acknowledged_amend_terms()
    {
        var id = RestingBid(_btc);
        _om.Amend(id, Price.Parse("59100"), Quantity.Parse("0.003"));
        Answer(ExecutionReportKind.Amended, id);

        var recovered = JournalRecovery.Recover(_journal.Entries, _reg);

        var (request, _, _) = Assert.Single(recovered.LiveOrders);
        Assert.Equal((id, Price.Parse("59100"), Quantity.Parse("0.003")), (request.Id, request.Price, request.Size));
    }

    [Fact]
    public void A_rejected_amend_keeps_the_old_terms_and_their_cash_alone_locked()
    {
        var id = RestingBid(_btc);
        var lockedBefore = _gate.AvailableCash;
        _om.Amend(id, Price.Parse("59100"), Quantity.Parse("0.003"));

        Answer(ExecutionReportKind.AmendRejected, id, RejectReason.InvalidPrice);

        var order = _om.Find(id)!;
        Assert.Equal((AmendState.Rejected, Price.Parse("59000"), Quantity.Parse("0.002")), (order.AmendState, order.Request.Price, order.Request.Size));
        Assert.Equal(lockedBefore, _gate.AvailableCash);
        Assert.Contains(_journal.Entries, e => e.Kind == JournalKind.AmendRejected && e.Payload.Contains("InvalidPrice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fill_beyond_the_old_size_during_an_amend_that_raised_it_is_applied()
    {
        var id = RestingBid(_btc);
        _om.Amend(id, null, Quantity.Parse("0.004"));

        FillOf(id, "59000", "0.003");
        Answer(ExecutionReportKind.Amended, id);

        var order = _om.Find(id)!;
        Assert.Equal((OrderStatus.PartiallyFilled, Quantity.Parse("0.003"), Quantity.Parse("0.001")), (order.Status, order.FilledSize, order.LeavesSize));
    }

    [Fact]
    public void A_fill_of_the_old_size_during_an_amend_waits_for_the_answer_and_a_refusal_then_fills_the_order()
    {
        var id = RestingBid(_btc);
        _om.Amend(id, null, Quantity.Parse("0.004"));

        FillOf(id, "59000", "0.002");
        Assert.Equal(OrderStatus.PartiallyFilled, _om.Find(id)!.Status);
        Answer(ExecutionReportKind.AmendRejected, id);

        Assert.Equal(OrderStatus.Filled, _om.Find(id)!.Status);
        Assert.Equal(0, _om.LiveCount);
    }

    [Fact]
    public void A_fill_racing_an_amend_leaves_no_cash_locked_once_the_order_is_done()
    {
        var id = RestingBid(_btc);
        _om.Amend(id, Price.Parse("59100"), Quantity.Parse("0.004"));
        FillOf(id, "59100", "0.001");
        Answer(ExecutionReportKind.Amended, id);

        FillOf(id, "59100", "0.003");

        Assert.Equal(OrderStatus.Filled, _om.Find(id)!.Status);
        _om.PushAccount();
        Assert.Equal(_portfolio.Cash, _gate.AvailableCash);
    }

    [Fact]
    public void An_order_cancelled_with_an_amend_in_flight_frees_both_terms_and_ignores_the_late_answer()
    {
        var id = RestingBid(_btc);
        _om.Amend(id, Price.Parse("59100"), Quantity.Parse("0.003"));
        _om.Cancel(id);
        Answer(ExecutionReportKind.Cancelled, id);

        Answer(ExecutionReportKind.Amended, id);

        Assert.Equal(OrderStatus.Cancelled, _om.Find(id)!.Status);
        Assert.Equal(_portfolio.Cash, _gate.AvailableCash);
    }

    [Fact]
    public void On_a_venue_without_amend_the_order_is_cancelled_and_its_amended_rest_replaced()
    {
        var id = RestingBid(_simBtc, size: "0.003");
        _om.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, id, _simBtc.Id, null, RejectReason.None, null,
            new Fill("s1", id, _simBtc.Id, Side.Buy, Price.Parse("59000"), Quantity.Parse("0.001"), Money.Zero, Money.Zero, Liquidity.Maker, _clock.GetUtcNow()), null, _clock.GetUtcNow()));

        var outcome = _om.Amend(id, Price.Parse("59100"), Quantity.Parse("0.004"));

        Assert.True(outcome.Sent && outcome.Replaced);
        Assert.Contains(id, _sim.Cancels);
        var replacement = _sim.Submitted[^1];
        Assert.Equal((outcome.ReplacementId, Price.Parse("59100"), Quantity.Parse("0.003")), (replacement.Id, replacement.Price, replacement.Size));
        Assert.Equal(1, _om.Stats.AmendsReplaced);
    }

    /// <summary>An execution client that amends (Bybit-like) and records what it is asked; tests answer through the manager.</summary>
    private sealed class AmendingClient : IExecutionClient
    {
        public List<(ClientOrderId, Price, Quantity)> Amends { get; } = [];

        public List<ClientOrderId> Cancels { get; } = [];

        public int MaxBatchSize => 1;

        public bool SupportsAmend => true;

        public bool AnswersAccountSnapshots => false;

        public void Submit(OrderRequest request)
        {
        }

        public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
        {
        }

        public void Amend(ClientOrderId id, InstrumentId instrument, string? venueOrderId, Price price, Quantity size) => Amends.Add((id, price, size));

        public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) => Cancels.Add(id);

        public void CancelAll()
        {
        }

        public void CancelMarket(string marketId)
        {
        }

        public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince)
        {
        }
    }
}
