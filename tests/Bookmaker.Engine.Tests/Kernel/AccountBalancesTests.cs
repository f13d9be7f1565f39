using Bookmaker.Core.Instruments;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Tests.Kernel;

/// <summary>The venues' per-coin balances the engine keeps for the operator: snapshots replace, pushes update.</summary>
public sealed class AccountBalancesTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static AccountSnapshot Snapshot(bool complete, params CoinBalance[] coins) =>
        new(VenueNames.Bybit, 1, At, complete, [], Money.Zero, new Dictionary<InstrumentId, Quantity>(), [], Balances: coins);

    [Fact]
    public void A_complete_snapshot_replaces_what_was_known_of_the_venue()
    {
        var b = new AccountBalances();
        b.OnSnapshot(Snapshot(true, new CoinBalance("BTC", Quantity.FromUnits(2), Quantity.Parse("0.5")), new CoinBalance("ETH", Quantity.FromUnits(1), Quantity.Zero)));
        b.OnSnapshot(Snapshot(true, new CoinBalance("BTC", Quantity.FromUnits(2), Quantity.Zero)));

        Assert.Equal(Quantity.FromUnits(2), b.Of(VenueNames.Bybit, "BTC")!.Value.Free);
        Assert.Null(b.Of(VenueNames.Bybit, "ETH"));
    }

    [Fact]
    public void An_incomplete_snapshot_changes_nothing()
    {
        var b = new AccountBalances();
        b.OnSnapshot(Snapshot(true, new CoinBalance("BTC", Quantity.FromUnits(2), Quantity.Parse("0.5"))));
        b.OnSnapshot(Snapshot(false, new CoinBalance("BTC", Quantity.Zero, Quantity.Zero)));

        Assert.Equal(Quantity.Parse("1.5"), b.Of(VenueNames.Bybit, "BTC")!.Value.Free);
    }

    [Fact]
    public void A_push_updates_the_coins_it_names_and_keeps_the_others()
    {
        var b = new AccountBalances();
        b.OnSnapshot(Snapshot(true, new CoinBalance("BTC", Quantity.FromUnits(2), Quantity.Zero), new CoinBalance("USDT", Quantity.FromUnits(100), Quantity.Zero)));
        b.OnPush(new VenueBalances(VenueNames.Bybit, [new CoinBalance("BTC", Quantity.FromUnits(2), Quantity.Parse("0.25"))], At.AddSeconds(1)));

        Assert.Equal([("bybit", "BTC", "0.25"), ("bybit", "USDT", "0")], b.Rows().Select(r => (r.Venue, r.Balance.Coin, r.Balance.Locked.ToString())));
        Assert.Equal(At.AddSeconds(1), b.UpdatedAt);
    }
}
