using System.Text;
using System.Text.Json;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests;

/// <summary>Reward terms and <c>/order-scoring</c> / <c>/orders-scoring</c> over real loopback HTTP, judged by the market's rules.</summary>
public sealed class RewardScoringTests
{
    /// <summary>Max spread 3¢, min size 10, min order age 10 s; house quotes 0.48 / 0.52 × 100.</summary>
    private static async Task<EmulatorClient> StartAsync()
    {
        var c = await EmulatorClient.StartAsync(o => new EmulatorOptions
        {
            Time = o.Time,
            Markets = [EmulatedMarket.Sample(1) with { Rewards = new EmulatedRewards(3m, Quantity.FromUnits(10), TimeSpan.FromSeconds(10), 250m) }],
        });
        c.Host.PlaceLiquidity(c.Market.YesTokenId, Side.Buy, Price.Parse("0.48"), Quantity.FromUnits(100));
        c.Host.PlaceLiquidity(c.Market.YesTokenId, Side.Sell, Price.Parse("0.52"), Quantity.FromUnits(100));
        return c;
    }

    private static async Task<string> PlaceAsync(EmulatorClient c, string price, string size)
    {
        Reply placed = await c.PostOrderAsync(c.Limit(Side.Buy, price, size));
        return JsonSerializer.Deserialize(placed.Body, PolymarketJsonContext.Default.PostOrderResponseDto)!.OrderId!;
    }

    private static async Task<Dictionary<string, bool>> ScoringAsync(EmulatorClient c, params string[] ids)
    {
        Reply r = await c.SendAsync(HttpMethod.Post, "/orders-scoring", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(ids)));
        Assert.Equal(200, r.Status);
        return JsonSerializer.Deserialize(r.Body, PolymarketJsonContext.Default.DictionaryStringBoolean)!;
    }

    [Fact]
    public async Task An_order_within_the_max_spread_and_of_the_min_size_scores_only_once_older_than_the_min_order_age()
    {
        await using var c = await StartAsync();
        string id = await PlaceAsync(c, "0.49", "20");

        bool young = (await ScoringAsync(c, id))[id];
        c.Clock.Advance(TimeSpan.FromSeconds(11));
        bool aged = (await ScoringAsync(c, id))[id];

        Assert.False(young);
        Assert.True(aged);
    }

    [Fact]
    public async Task Orders_below_the_min_size_or_outside_the_max_spread_do_not_score()
    {
        await using var c = await StartAsync();
        string small = await PlaceAsync(c, "0.49", "5");
        string far = await PlaceAsync(c, "0.45", "20");
        c.Clock.Advance(TimeSpan.FromSeconds(11));

        var answer = await ScoringAsync(c, small, far, "0xunknown");

        Assert.False(answer[small]);
        Assert.False(answer[far]);
        Assert.False(answer["0xunknown"]);
    }

    [Fact]
    public async Task The_single_order_form_answers_scoring_true_for_a_scoring_order()
    {
        await using var c = await StartAsync();
        string id = await PlaceAsync(c, "0.49", "20");
        c.Clock.Advance(TimeSpan.FromSeconds(11));

        Reply r = await c.SendAsync(HttpMethod.Get, "/order-scoring?order_id=" + id);

        Assert.Equal(200, r.Status);
        Assert.True(r.Json.GetProperty("scoring").GetBoolean());
    }

    [Fact]
    public async Task Clob_market_details_publish_the_reward_terms_with_the_min_order_age()
    {
        await using var c = await StartAsync();

        Reply r = await c.SendAsync(HttpMethod.Get, "/clob-markets/" + c.Market.ConditionId, sign: false);
        var dto = JsonSerializer.Deserialize(r.Body, PolymarketJsonContext.Default.ClobMarketDetailsDto)!;

        Assert.Equal(3m, dto.Rewards!.MaxSpread);
        Assert.Equal(10m, dto.Rewards.MinSize);
        Assert.Equal(10m, dto.Rewards.MinOrderAgeSeconds);
        Assert.Equal(TimeSpan.FromSeconds(10), Adapter.PolymarketMarket.FromClob(dto)!.Rewards!.MinOrderAge);
    }
}
