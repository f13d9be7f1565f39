using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Tests.Journal;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Orders;

/// <summary>
/// A fill the venue reports for an order we do not know (a REST reconciliation fill of an evicted or foreign order) goes
/// to the portfolio only when it passes the checks a known order's fill passes: known instrument, price inside the
/// instrument's bounds, positive size, no negative fee or rebate. Otherwise it is counted, journaled as a
/// reconciliation finding and alerted — never applied.
/// </summary>
public sealed class UnknownOrderFillTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly RecordingExecutionClient _client = new();
    private readonly InstrumentRegistry _reg = new();
    private readonly AlertCenter _alerts;
    private readonly PortfolioBook _portfolio;
    private readonly ListJournal _journal = new();
    private readonly OrderManager _om;
    private readonly Instrument _yes;
    private readonly ClientOrderId _stranger = new(9_999);

    public UnknownOrderFillTests()
    {
        var yesId = new InstrumentId(VenueNames.Simulated, "yes");
        var noId = new InstrumentId(VenueNames.Simulated, "no");
        _yes = _reg.Add(new Instrument(yesId, InstrumentKind.OutcomeToken, 2, Price.Parse("0.01"), Quantity.Parse("0.01"), Quantity.FromUnits(5), Price.Parse("0.01"), Price.Parse("0.99"), "polymarket", new OutcomeLinks("m1", "Yes", true, noId)));
        _reg.Add(new Instrument(noId, InstrumentKind.OutcomeToken, 2, Price.Parse("0.01"), Quantity.Parse("0.01"), Quantity.FromUnits(5), Price.Parse("0.01"), Price.Parse("0.99"), "polymarket", new OutcomeLinks("m1", "No", false, yesId)));
        _alerts = new AlertCenter(_clock);
        _portfolio = new PortfolioBook(_reg, Money.FromUnits(1_000));
        var gate = new RiskGate(_reg, _portfolio, new RiskLimits(), _clock, _alerts);
        gate.Initialize(Money.Zero, Money.Zero, _portfolio.Cash, _portfolio.Equity);
        _portfolio.SetMark(_yes, Price.Parse("0.50"));
        _om = new OrderManager(_reg, new Dictionary<string, IExecutionClient> { [VenueNames.Simulated] = _client }, gate, _portfolio,
            _journal, _alerts, _clock, new ClientOrderIdGenerator(1));
    }

    public void Dispose() => _om.Dispose();

    private Fill Fill(string price, string size, InstrumentId? instrument = null, string trade = "t1", string fee = "0") =>
        new(trade, _stranger, instrument ?? _yes.Id, Side.Buy, Price.Parse(price), Quantity.Parse(size), Money.Parse(fee), Money.Zero,
            Liquidity.Taker, _clock.GetUtcNow());

    private void Report(Fill fill) =>
        _om.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, fill.OrderId, fill.Instrument, null, RejectReason.None, "rest", fill, null, _clock.GetUtcNow()));

    private AccountSnapshot Snapshot(params Fill[] fills) =>
        new(VenueNames.Simulated, 1, _clock.GetUtcNow(), true, [], _portfolio.Cash, new Dictionary<InstrumentId, Quantity>(), fills);

    private void AssertRefusedAndNotApplied(Money cashBefore)
    {
        Assert.Equal(Quantity.Zero, _portfolio.QuantityOf(_yes.Id));
        Assert.Equal(cashBefore, _portfolio.Cash);
        Assert.Equal(1, _om.Stats.RefusedFills);
        Assert.Equal(0, _om.Stats.Fills);
        var finding = Assert.Single(_journal.Entries, e => e.Kind == JournalKind.Reconciliation && e.Payload.Contains("\"InvalidFill\"", StringComparison.Ordinal));
        Assert.Equal(_stranger.Value, finding.OrderId);
        Assert.Contains(_alerts.Active, a => a.Code == "invalid_fill");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-0.5")]
    public void Fill_of_an_unknown_order_priced_outside_the_instrument_bounds_is_refused_not_applied(string price)
    {
        var cash = _portfolio.Cash;

        Report(Fill(price, "10"));

        AssertRefusedAndNotApplied(cash);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Fill_of_an_unknown_order_without_a_positive_size_is_refused_not_applied(string size)
    {
        var cash = _portfolio.Cash;

        Report(Fill("0.5", size));

        AssertRefusedAndNotApplied(cash);
    }

    [Fact]
    public void Fill_of_an_unknown_order_with_a_negative_fee_is_refused_not_applied()
    {
        var cash = _portfolio.Cash;

        Report(Fill("0.5", "10", fee: "-3"));

        AssertRefusedAndNotApplied(cash);
    }

    [Fact]
    public void Fill_of_an_unknown_order_on_an_unknown_instrument_is_refused_and_reported()
    {
        var cash = _portfolio.Cash;

        Report(Fill("0.5", "10", new InstrumentId(VenueNames.Simulated, "ghost")));

        AssertRefusedAndNotApplied(cash);
    }

    [Fact]
    public void Reconciled_rest_fill_of_an_unknown_order_outside_the_bounds_is_refused_once_not_applied()
    {
        var cash = _portfolio.Cash;
        var fill = Fill("2", "10");

        // The same fill stays in the venue's recent-fills window for several reconciliations.
        _om.OnAccountSnapshot(Snapshot(fill));
        _om.OnAccountSnapshot(Snapshot(fill));

        AssertRefusedAndNotApplied(cash);
        Assert.DoesNotContain(_journal.Entries, e => e.Kind == JournalKind.Fill);
    }

    [Fact]
    public void Valid_fill_of_an_unknown_order_is_still_applied()
    {
        Report(Fill("0.5", "10"));

        Assert.Equal(Quantity.FromUnits(10), _portfolio.QuantityOf(_yes.Id));
        Assert.Equal(0, _om.Stats.RefusedFills);
        Assert.Equal(1, _om.Stats.Fills);
        Assert.DoesNotContain(_alerts.Active, a => a.Code == "invalid_fill");
    }

    [Fact]
    public void Fill_of_a_known_order_priced_outside_the_instrument_bounds_is_refused_the_same_way()
    {
        var outcome = _om.Submit(new OrderRequest(default, _yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.49"), Quantity.FromUnits(10)));
        Assert.True(outcome.Sent);
        var id = outcome.Id;
        var cash = _portfolio.Cash;
        var fill = new Fill("t9", id, _yes.Id, Side.Buy, Price.Parse("1.5"), Quantity.FromUnits(10), Money.Zero, Money.Zero, Liquidity.Maker, _clock.GetUtcNow());

        _om.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, id, _yes.Id, null, RejectReason.None, null, fill, null, _clock.GetUtcNow()));

        Assert.Equal(Quantity.Zero, _portfolio.QuantityOf(_yes.Id));
        Assert.Equal(cash, _portfolio.Cash);
        Assert.Equal(1, _om.Stats.RefusedFills);
        Assert.Equal(Quantity.Zero, _om.Find(id)!.FilledSize);
    }
}
