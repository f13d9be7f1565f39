using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Risk;
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
    public async Task A_sell_refused_for_balance_is_not_resent_while_the_market_backs_off()
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
        // Two layers stop the resend: the gate holds the market after a reject that would repeat (reject_backoff), and
        // behind it the adapter refuses that token's sells locally while its balance refresh backs off.
        var second = s.Orders.Submit(s.Limit(Side.Sell, "0.56", size: 5));

        Assert.Equal(DenyReason.RejectBackoff, second.Decision.Reason);
        Assert.Equal(posted, s.Emulator.OrdersPosted);
        Assert.True(s.Engine.Orders.Gate.State == TradingState.Active);
        await s.UntilAsync(() => s.Emulator.BalanceUpdates(s.Credentials.ApiKey).Count(u => u == "CONDITIONAL:" + s.Market.YesTokenId) >= 2,
            "a refresh after the fill and one after the refusal");
    }
}
