using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Rest;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests;

/// <summary>The emulator's lifecycle faults as a plain HTTP client sees them: a resolved market and a 403 block.</summary>
public class LifecycleFaultTests
{
    [Fact]
    public async Task A_resolved_market_is_listed_closed_and_refuses_new_orders_with_the_venue_text()
    {
        await using var c = await EmulatorClient.StartAsync();
        c.Host.ResolveMarket(c.Market.ConditionId, c.Market.NoTokenId);

        Reply market = await c.SendAsync(HttpMethod.Get, "/markets/" + c.Market.ConditionId, sign: false);
        Reply order = await c.PostOrderAsync(c.Limit(Side.Buy, "0.45", "10"));

        Assert.True(market.Json.GetProperty("closed").GetBoolean());
        Assert.False(market.Json.GetProperty("accepting_orders").GetBoolean());
        Assert.True(market.Json.GetProperty("tokens")[1].GetProperty("winner").GetBoolean());
        Assert.Equal(400, order.Status);
        Assert.Equal(RejectReason.MarketUnavailable, PolymarketErrorMapper.Map(order.Status, order.Error).Reason);
    }

    [Fact]
    public async Task Resolving_a_market_cancels_every_order_resting_there()
    {
        await using var c = await EmulatorClient.StartAsync();
        Reply placed = await c.PostOrderAsync(c.Limit(Side.Buy, "0.45", "10"));
        Assert.Equal(200, placed.Status);
        Assert.Equal(1, c.Host.RestingOrderCount(c.Credentials.ApiKey));

        c.Host.ResolveMarket(c.Market.ConditionId);

        Assert.Equal(0, c.Host.RestingOrderCount(c.Credentials.ApiKey));
    }

    [Fact]
    public async Task While_forbidden_every_rest_request_gets_a_cloudflare_403_and_admin_still_answers()
    {
        await using var c = await EmulatorClient.StartAsync();
        c.Host.Forbid(TimeSpan.FromSeconds(10));

        Reply book = await c.SendAsync(HttpMethod.Get, "/book?token_id=" + c.Market.YesTokenId, sign: false);
        Reply order = await c.PostOrderAsync(c.Limit(Side.Buy, "0.45", "10"));
        Reply admin = await c.SendAsync(HttpMethod.Post, "/admin/process", sign: false);

        Assert.Equal(403, book.Status);
        Assert.Contains("Cloudflare", book.Body, StringComparison.Ordinal);
        Assert.Equal(403, order.Status);
        Assert.Equal(200, admin.Status);
        Assert.Equal(2, c.Host.ForbiddenAnswers);
    }

    [Fact]
    public async Task The_403_block_ends_with_its_window_on_the_emulator_clock()
    {
        await using var c = await EmulatorClient.StartAsync();
        c.Host.Forbid(TimeSpan.FromSeconds(10));

        c.Clock.Advance(TimeSpan.FromSeconds(10));
        Reply book = await c.SendAsync(HttpMethod.Get, "/book?token_id=" + c.Market.YesTokenId, sign: false);

        Assert.Equal(200, book.Status);
    }
}
