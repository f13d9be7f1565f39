using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

/// <summary>
/// The venue's token-balance cache (field lessons, item 1): the adapter refreshes a token's cache after our fills, and
/// a SELL the venue refuses for balance is not sent again at every requote but after a per-token back-off.
/// </summary>
[Collection(IntegrationGroup.Name)]
public sealed class BalanceRefreshTests
{
    [Fact]
    public async Task Our_fill_asks_the_venue_to_refresh_that_tokens_balance()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        var id = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(id, OrderStatus.Open);
        Assert.Empty(s.Emulator.BalanceUpdates(s.Credentials.ApiKey));

        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(id, OrderStatus.Filled);

        await s.UntilAsync(() => s.Emulator.BalanceUpdates(s.Credentials.ApiKey).Contains("CONDITIONAL:" + s.Market.YesTokenId), "a balance refresh of the bought token");
    }

    [Fact]
    public async Task A_sell_refused_for_balance_is_refused_locally_while_its_token_backs_off()
    {
        await using var s = await EngineSession.StartAsync(o => new EmulatorOptions { Time = o.Time, InitialSetsPerMarket = Quantity.Zero });
        await s.SeedBookAsync();
        var buy = s.Submit(s.Limit(Side.Buy, "0.45"));
        await s.WaitStatusAsync(buy, OrderStatus.Open);
        s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(10));
        await s.WaitStatusAsync(buy, OrderStatus.Filled);
        s.Advance(TimeSpan.FromSeconds(7)); // CONFIRMED on the venue: the engine may sell the shares
        await s.UntilAsync(() => s.Engine.Portfolio.SellableQuantity(s.Yes) == Quantity.FromUnits(10), "the shares sellable");
        // The venue still refuses them (its cache, here a withdrawn approval, says no).
        s.Emulator.SetAllowances(s.Credentials.ApiKey, collateral: true, tokens: false);

        var first = s.Submit(s.Limit(Side.Sell, "0.55", size: 5));
        await s.WaitStatusAsync(first, OrderStatus.Rejected);
        long posted = s.Emulator.OrdersPosted;
        var second = s.Submit(s.Limit(Side.Sell, "0.56", size: 5));
        await s.WaitStatusAsync(second, OrderStatus.Rejected);

        Assert.Equal(posted, s.Emulator.OrdersPosted);
        Assert.Contains(s.Tap.Reports, r => r.OrderId == second && r.Reason == RejectReason.InsufficientBalance && r.Text!.StartsWith("refused locally", StringComparison.Ordinal));
        await s.UntilAsync(() => s.Emulator.BalanceUpdates(s.Credentials.ApiKey).Count(u => u == "CONDITIONAL:" + s.Market.YesTokenId) >= 2,
            "a refresh after the fill and one after the refusal");
    }
}
