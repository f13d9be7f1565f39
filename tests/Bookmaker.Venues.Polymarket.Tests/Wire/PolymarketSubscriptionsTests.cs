using FsCheck;
using System.Text.Json;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Tests.Wire;

public sealed class PolymarketSubscriptionsTests
{
    [Fact]
    public void Market_subscribe_uses_the_documented_keys()
    {
        string json = PolymarketSubscriptions.MarketSubscribe(["1", "2"]);

        Assert.Equal("""{"assets_ids":["1","2"],"type":"market","custom_feature_enabled":true,"initial_dump":true}""", json);
    }

    [Fact]
    public void Dynamic_market_subscribe_and_unsubscribe_use_operation()
    {
        Assert.Equal("""{"assets_ids":["9"],"operation":"subscribe","custom_feature_enabled":true}""", PolymarketSubscriptions.MarketAdd(["9"]));
        Assert.Equal("""{"assets_ids":["9"],"operation":"unsubscribe"}""", PolymarketSubscriptions.MarketRemove(["9"]));
    }

    [Fact]
    public void User_subscribe_carries_auth_and_condition_ids()
    {
        string json = PolymarketSubscriptions.UserSubscribe("key", "c2VjcmV0", "pass", ["0xabc"]);

        using var doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Equal("user", root.GetProperty("type").GetString());
        Assert.Equal("key", root.GetProperty("auth").GetProperty("apiKey").GetString());
        Assert.Equal("c2VjcmV0", root.GetProperty("auth").GetProperty("secret").GetString());
        Assert.Equal("pass", root.GetProperty("auth").GetProperty("passphrase").GetString());
        Assert.Equal("0xabc", root.GetProperty("markets")[0].GetString());
    }

    [Fact]
    public void User_subscribe_without_markets_omits_the_list()
    {
        string json = PolymarketSubscriptions.UserSubscribe("k", "s", "p");

        Assert.DoesNotContain("markets", json);
    }

    [Fact]
    public void Heartbeat_is_plain_text_ping_and_pong()
    {
        Assert.Equal("PING"u8.ToArray(), PolymarketSubscriptions.Ping.ToArray());
        Assert.True(PolymarketSubscriptions.IsPong("PONG\n"u8));
        Assert.False(PolymarketSubscriptions.IsPong("{}"u8));
    }

    [Fact]
    public void Sharding_splits_at_500_per_connection_keeping_order_and_dropping_duplicates()
    {
        string[] ids = Enumerable.Range(0, 1201).Select(i => i.ToString()).Append("7").ToArray();

        var shards = PolymarketSubscriptions.Shard(ids);

        Assert.Equal([500, 500, 201], shards.Select(s => s.Count));
        Assert.Equal(ids.Take(1201), shards.SelectMany(s => s));
    }

    [Fact]
    public void Sharding_holds_its_invariants_for_any_list_and_limit()
    {
        FsCheck.Fluent.Prop.ForAll(
            FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(0, 300)),
            FsCheck.Fluent.Arb.From(FsCheck.Fluent.Gen.Choose(1, 120)),
            (count, limit) =>
            {
                string[] ids = Enumerable.Range(0, count).Select(i => (i % 250).ToString()).ToArray();
                var shards = PolymarketSubscriptions.Shard(ids, limit);
                var flat = shards.SelectMany(s => s).ToList();
                return shards.All(s => s.Count >= 1 && s.Count <= limit)
                    && flat.SequenceEqual(ids.Distinct())
                    && shards.Take(shards.Count - 1).All(s => s.Count == limit);
            }).QuickCheckThrowOnFailure();
    }
}
