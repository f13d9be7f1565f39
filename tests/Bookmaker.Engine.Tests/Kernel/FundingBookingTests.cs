using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Tests.Journal;
using Bookmaker.Engine.Tests.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;

namespace Bookmaker.Engine.Tests.Kernel;

/// <summary>
/// Funding of a perpetual reaches the ledger through the loop as cash on its own line — never a fee, never realized
/// trading P&amp;L — once per venue id, journaled, restored after a restart, and counted by the daily loss limit.
/// </summary>
public sealed class FundingBookingTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly ListJournal _journal = new();
    private readonly EngineHost _host;
    private readonly Instrument _perp = Perpetual();

    public FundingBookingTests()
    {
        _host = EngineKit.Create(_clock, [new ScriptedVenue(VenueNames.Bybit, [_perp], new RecordingExecutionClient())],
            new EngineHostOptions { Risk = new RiskLimits { DailyLossLimit = Money.FromUnits(5) } }, _journal);
        EngineKit.StartVenues(_host);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static Instrument Perpetual() => new(new InstrumentId(VenueNames.Bybit, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1, Price.Parse("0.1"),
        Quantity.Parse("0.001"), Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1999999"), "proportional");

    private FundingPayment Payment(string id, string amount) => new(id, _perp.Id, Money.Parse(amount), _clock.GetUtcNow());

    private void Deliver(FundingPayment payment)
    {
        _host.Loop.OnFunding(payment);
        _host.Loop.DrainPending();
    }

    [Fact]
    public void Funding_paid_moves_cash_on_its_own_line_and_not_into_fees_or_realized_pnl()
    {
        var cash = _host.Engine.Portfolio.Cash;
        Deliver(Payment("f-1", "-0.12"));

        var pf = _host.Engine.Portfolio;
        Assert.Equal(cash - Money.Parse("0.12"), pf.Cash);
        Assert.Equal(Money.Parse("-0.12"), pf.FundingPnl);
        Assert.Equal((Money.Zero, Money.Zero, Money.Zero), (pf.FeesPaid, pf.RebatesEarned, pf.RealizedPnl));
        Assert.Equal(Money.Parse("-0.12"), pf.NetPnl);
        Assert.Equal(pf.Equity - pf.InitialCash, pf.NetPnl);
        Assert.Equal(Money.Parse("0.12"), pf.Funding.Paid);
    }

    [Fact]
    public void A_funding_payment_the_venue_repeats_is_booked_once()
    {
        Deliver(Payment("f-1", "0.05"));
        Deliver(Payment("f-1", "0.05"));

        Assert.Equal(Money.Parse("0.05"), _host.Engine.Portfolio.FundingPnl);
        Assert.Equal(1L, _host.Engine.DuplicateFunding);
        Assert.Single(_journal.Entries, e => e.Kind == JournalKind.Funding);
    }

    [Fact]
    public void Daily_loss_counts_funding_paid()
    {
        Deliver(Payment("f-1", "-3"));
        Assert.Equal(TradingState.Active, _host.Engine.Gate.State);
        Assert.Equal(Money.Parse("-3"), _host.Engine.Gate.DailyPnl);

        Deliver(Payment("f-2", "-2.5"));

        Assert.Equal(TradingState.Halted, _host.Engine.Gate.State);
        Assert.Contains(_journal.Entries, e => e.Kind == JournalKind.TradingState && e.Payload.Contains("daily_loss_breached", StringComparison.Ordinal));
    }

    [Fact]
    public void Funding_is_journaled_and_a_full_restore_books_it_again_without_moving_cash_twice()
    {
        Deliver(Payment("f-1", "-0.12"));
        Deliver(Payment("f-2", "0.04"));
        var state = JournalRecovery.Recover(_journal.Entries, _host.Engine.Instruments);
        Assert.Equal(["f-1", "f-2"], state.Funding.Select(p => p.PaymentId));

        var registry = new InstrumentRegistry();
        registry.Add(Perpetual());
        var portfolio = new Core.Portfolio.Portfolio(registry, Money.FromUnits(1_000));
        var gate = new RiskGate(registry, portfolio, new RiskLimits(), _clock, new Bookmaker.Engine.Alerts.AlertCenter(_clock));
        using var om = new OrderManager(registry, new Dictionary<string, IExecutionClient> { [VenueNames.Bybit] = new RecordingExecutionClient() }, gate, portfolio,
            new NullJournal(), new Bookmaker.Engine.Alerts.AlertCenter(_clock), _clock, new ClientOrderIdGenerator(3));
        om.Restore(state, RecoveryScope.Full);

        Assert.Equal(Money.Parse("-0.08"), portfolio.FundingPnl);
        Assert.Equal(Money.FromUnits(1_000), portfolio.Cash); // the venue's balance already holds it
        Assert.Equal(2, portfolio.Funding.Count);
    }

    [Fact]
    public void The_pnl_snapshot_carries_funding_only_once_the_account_was_funded()
    {
        _host.Engine.WritePnlSnapshot();
        Assert.DoesNotContain("funding", _journal.Entries.Last(e => e.Kind == JournalKind.PnlSnapshot).Payload, StringComparison.Ordinal);

        Deliver(Payment("f-1", "-0.12"));
        _host.Engine.WritePnlSnapshot();

        Assert.Contains("\"funding\":\"-0.12", _journal.Entries.Last(e => e.Kind == JournalKind.PnlSnapshot).Payload, StringComparison.Ordinal);
        Assert.Equal(Money.Parse("-0.12"), JournalRecovery.Recover(_journal.Entries, _host.Engine.Instruments).LastSnapshotNetPnl);
    }
}
