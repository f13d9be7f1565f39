using Bookmaker.Core.Instruments;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using Bookmaker.Operations.Snapshots;

namespace Bookmaker.Operations.Tests;

/// <summary>What the operator's views show of a perpetual's funding and a spot account's coins.</summary>
public sealed class AccountViewTests : IAsyncLifetime
{
    private readonly SimulatedTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 14, 0, 0, TimeSpan.Zero));
    private EngineHost _host = null!;
    private SnapshotPublisher _snapshots = null!;

    public Task InitializeAsync()
    {
        _host = EngineHost.Create(_clock, [], new NullJournal(), new EngineHostOptions());
        _snapshots = new SnapshotPublisher(_host.Engine, [], _host.Journal, TimeProvider.System, TimeSpan.Zero);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private EngineSnapshot Tick()
    {
        _clock.AdvanceTo(_clock.GetUtcNow() + TimeSpan.FromMilliseconds(250));
        _host.Loop.DrainPending();
        return _snapshots.PublishNow();
    }

    [Fact]
    public void The_pnl_view_shows_funding_on_its_own_line_and_in_the_net()
    {
        // The ledger's line as the engine books it (FundingBooking, tested in the engine); the view is what is tested here.
        _host.Engine.Portfolio.ApplyFunding(new FundingPayment("f-1", new InstrumentId(VenueNames.Bybit, "BTCUSDT"), Money.Parse("-0.12"), _clock.GetUtcNow()));

        var pnl = Tick().Pnl;

        Assert.Equal((-0.12m, 0m, -0.12m), (pnl.Funding, pnl.Fees, pnl.Net));
    }

    [Fact]
    public void The_balances_view_shows_each_coin_with_what_open_orders_lock()
    {
        _host.Loop.OnBalances(new VenueBalances(VenueNames.Bybit, [new CoinBalance("BTC", Quantity.FromUnits(2), Quantity.Parse("0.5")),
            new CoinBalance("USDT", Quantity.FromUnits(1_000), Quantity.Zero)], _clock.GetUtcNow()));

        var rows = Tick().Balances;

        Assert.Equal([new BalanceRow("bybit", "BTC", 2m, 0.5m, 1.5m), new BalanceRow("bybit", "USDT", 1_000m, 0m, 1_000m)], rows);
    }
}
