using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Orders;

/// <summary>Restarts: what the journal restores, and what the first reconciliations make of the venue's account.</summary>
public sealed class RecoveryReconciliationTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly RecordingExecutionClient _client = new();
    private readonly InstrumentRegistry _reg = new();
    private readonly AlertCenter _alerts;
    private readonly RiskGate _gate;
    private readonly PortfolioBook _portfolio;
    private readonly OrderManager _om;
    private readonly Instrument _yes;
    private readonly List<ReconciliationFinding> _findings = [];

    public RecoveryReconciliationTests()
    {
        var yesId = new InstrumentId(VenueNames.Simulated, "yes");
        var noId = new InstrumentId(VenueNames.Simulated, "no");
        _yes = _reg.Add(new Instrument(yesId, InstrumentKind.OutcomeToken, 2, Price.Parse("0.01"), Quantity.Parse("0.01"), Quantity.FromUnits(5), Price.Parse("0.01"), Price.Parse("0.99"), "polymarket", new OutcomeLinks("m1", "Yes", true, noId)));
        _reg.Add(new Instrument(noId, InstrumentKind.OutcomeToken, 2, Price.Parse("0.01"), Quantity.Parse("0.01"), Quantity.FromUnits(5), Price.Parse("0.01"), Price.Parse("0.99"), "polymarket", new OutcomeLinks("m1", "No", false, yesId)));
        _alerts = new AlertCenter(_clock);
        _portfolio = new PortfolioBook(_reg, Money.FromUnits(1_000));
        _gate = new RiskGate(_reg, _portfolio, new RiskLimits { DailyLossLimit = Money.FromUnits(50) }, _clock, _alerts);
        _gate.Initialize(Money.Zero, Money.Zero, _portfolio.Cash, _portfolio.Equity);
        _portfolio.SetMark(_yes, Price.Parse("0.50"));
        _om = new OrderManager(_reg, new Dictionary<string, IExecutionClient> { [VenueNames.Simulated] = _client }, _gate, _portfolio,
            new NullJournal(), _alerts, _clock, new ClientOrderIdGenerator(2));
        _om.Reconciled += _findings.Add;
    }

    public void Dispose() => _om.Dispose();

    private Fill Trade(string id, ulong order, long size, DateTimeOffset at, string price = "0.40") =>
        new(id, new ClientOrderId(order), _yes.Id, Side.Buy, Price.Parse(price), Quantity.FromUnits(size), Money.Zero, Money.Zero, Liquidity.Maker, at);

    private void Snapshot(Money cash, IReadOnlyDictionary<InstrumentId, Quantity> positions, params Fill[] fills)
    {
        _om.RequestReconciliation();
        _om.OnAccountSnapshot(new AccountSnapshot(VenueNames.Simulated, _client.SnapshotRequests[^1], _clock.GetUtcNow(), true, [], cash, positions, fills));
    }

    private static Dictionary<InstrumentId, Quantity> Holding(Instrument i, long units) => new() { [i.Id] = Quantity.FromUnits(units) };

    [Fact]
    public void Venue_trades_of_unknown_orders_from_before_the_run_are_history_not_fills()
    {
        _om.OnVenuesStarted();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Snapshot(Money.FromUnits(1_000), Holding(_yes, 30), Trade("old-1", 77, 10, Start.AddHours(-3)), Trade("old-2", 78, 20, Start.AddHours(-2)));

        Assert.Equal(0, _om.Stats.Fills);
        Assert.DoesNotContain(_findings, f => f.Issue == ReconciliationIssue.FillForUnknownOrder);
        Assert.Single(_findings, f => f.Issue == ReconciliationIssue.HistoryTrades);
        Assert.Equal(Quantity.FromUnits(30), _portfolio.QuantityOf(_yes.Id)); // adopted from the balance
        Assert.Equal(Money.FromUnits(1_000), _portfolio.Cash); // not charged twice
    }

    [Fact]
    public void A_trade_of_an_unknown_order_during_the_run_is_still_applied()
    {
        _om.OnVenuesStarted();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Snapshot(Money.FromUnits(996), Holding(_yes, 10), Trade("new-1", 77, 10, _clock.GetUtcNow().AddSeconds(-1)));

        Assert.Equal(1, _om.Stats.Fills);
        Assert.Single(_findings, f => f.Issue == ReconciliationIssue.FillForUnknownOrder);
    }

    [Fact]
    public void A_full_restore_replays_journaled_fills_without_counting_their_cash_twice()
    {
        var state = new RecoveredState();
        state.Fills.Add(Trade("j-1", 5, 10, Start.AddMinutes(-30)));
        state.LastFillTicks = Start.AddMinutes(-30).UtcTicks;

        var summary = _om.Restore(state, RecoveryScope.Full);

        Assert.Equal(1, summary.Fills);
        Assert.Equal(Quantity.FromUnits(10), _portfolio.QuantityOf(_yes.Id));
        Assert.Equal(Money.FromUnits(1_000), _portfolio.Cash); // the venue's opening balance already paid for it
    }

    [Fact]
    public void Trades_already_in_the_journal_are_not_applied_again_after_a_restart()
    {
        var journaled = Trade("j-1", 5, 10, Start.AddMinutes(-30));
        var state = new RecoveredState();
        state.Fills.Add(journaled);
        state.LastFillTicks = journaled.Timestamp.UtcTicks;
        _om.Restore(state, RecoveryScope.Full);
        _om.OnVenuesStarted();

        Snapshot(Money.FromUnits(1_000), Holding(_yes, 10), journaled with { OrderId = new ClientOrderId(5) }, Trade("older", 4, 3, Start.AddHours(-1)));

        Assert.Equal(0, _om.Stats.Fills);
        Assert.Equal(Quantity.FromUnits(10), _portfolio.QuantityOf(_yes.Id));
    }

    [Fact]
    public void A_position_the_venue_no_longer_reports_is_flattened_with_a_warning()
    {
        var state = new RecoveredState();
        state.Fills.Add(Trade("j-1", 5, 10, Start.AddMinutes(-30)));
        _om.Restore(state, RecoveryScope.Full);
        _om.OnVenuesStarted();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Snapshot(Money.FromUnits(1_000), new Dictionary<InstrumentId, Quantity>());

        Assert.Equal(Quantity.Zero, _portfolio.QuantityOf(_yes.Id));
        Assert.Single(_findings, f => f.Issue == ReconciliationIssue.PositionGone);
        Assert.True(_alerts.IsActive("position_gone", _yes.Id.ToString()));
    }

    [Fact]
    public void A_position_that_just_filled_is_not_flattened_before_the_venue_settles_it()
    {
        _om.OnVenuesStarted();
        var id = _om.Submit(new OrderRequest(default, _yes.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.49"), Quantity.FromUnits(10))).Id;
        _om.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, id, _yes.Id, null, RejectReason.None, null,
            new Fill("f1", id, _yes.Id, Side.Buy, Price.Parse("0.49"), Quantity.FromUnits(10), Money.Zero, Money.Zero, Liquidity.Maker, _clock.GetUtcNow()), null, _clock.GetUtcNow()));

        Snapshot(Money.FromUnits(1_000), new Dictionary<InstrumentId, Quantity>());

        Assert.Equal(Quantity.FromUnits(10), _portfolio.QuantityOf(_yes.Id));
        Assert.DoesNotContain(_findings, f => f.Issue == ReconciliationIssue.PositionGone);
    }

    [Fact]
    public void The_days_loss_continues_after_a_restart_on_the_same_trading_day()
    {
        var state = new RecoveredState { LastDailyPnl = Money.FromUnits(-40), LastSnapshotTicks = Start.AddMinutes(-5).UtcTicks, LastSnapshotNetPnl = Money.FromUnits(-40) };

        var summary = _om.Restore(state, RecoveryScope.RiskOnly);

        Assert.Equal(Money.FromUnits(-40), _gate.DailyPnl);
        Assert.Equal(Money.FromUnits(-40), summary.DailyPnl);
    }

    [Fact]
    public void A_loss_breaker_that_tripped_before_a_restart_still_cools_down_then_reduces()
    {
        var state = new RecoveredState { LossBreakerSinceTicks = Start.AddMinutes(-5).UtcTicks };

        _om.Restore(state, RecoveryScope.RiskOnly);

        Assert.Equal(TradingState.Halted, _gate.State);
        _clock.Advance(TimeSpan.FromMinutes(11));
        _gate.Tick();
        Assert.Equal(TradingState.Reducing, _gate.State);
    }
}
