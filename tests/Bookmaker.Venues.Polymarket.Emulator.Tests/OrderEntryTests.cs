using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Orders;
using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests;

/// <summary>Authentication, order checks, batches and cancels over real loopback HTTP.</summary>
public sealed class OrderEntryTests
{
    [Fact]
    public async Task Creates_and_derives_the_same_api_key_with_l1_headers_and_refuses_a_forged_one()
    {
        await using var c = await EmulatorClient.StartAsync();
        var l1 = new L1Authenticator(c.Signer, 137);
        long ts = c.Clock.GetUtcNow().ToUnixTimeSeconds();
        L1AuthHeaders h = l1.CreateHeaders(ts, nonce: 5);

        async Task<(int, string)> Call(HttpMethod method, string path, L1AuthHeaders headers)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Add(L1AuthHeaders.AddressHeader, headers.Address);
            request.Headers.Add(L1AuthHeaders.SignatureHeader, headers.Signature);
            request.Headers.Add(L1AuthHeaders.TimestampHeader, headers.Timestamp);
            request.Headers.Add(L1AuthHeaders.NonceHeader, headers.Nonce);
            using var response = await c.Http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var (deriveFirst, _) = await Call(HttpMethod.Get, "/auth/derive-api-key", h);
        var (created, createdBody) = await Call(HttpMethod.Post, "/auth/api-key", h);
        var (derived, derivedBody) = await Call(HttpMethod.Get, "/auth/derive-api-key", h);
        var (forged, forgedBody) = await Call(HttpMethod.Post, "/auth/api-key", h with { Nonce = "6" });

        Assert.Equal(400, deriveFirst);
        Assert.Equal(200, created);
        Assert.Equal(200, derived);
        Assert.Equal(JsonDocument.Parse(createdBody).RootElement.GetProperty("apiKey").GetString(),
            JsonDocument.Parse(derivedBody).RootElement.GetProperty("apiKey").GetString());
        Assert.Equal(401, forged);
        Assert.Contains("Invalid L1 Request headers", forgedBody);
    }

    [Fact]
    public async Task Accepts_a_signed_order_that_rests_and_lists_it_in_open_orders()
    {
        await using var c = await EmulatorClient.StartAsync();
        Reply placed = await c.PostOrderAsync(c.Limit(Side.Buy, "0.45", "10"));
        Assert.Equal(200, placed.Status);
        var dto = JsonSerializer.Deserialize(placed.Body, PolymarketJsonContext.Default.PostOrderResponseDto)!;
        Assert.True(dto.Success);
        Assert.Equal("live", dto.Status);
        Assert.StartsWith("0x", dto.OrderId);

        Reply open = await c.SendAsync(HttpMethod.Get, "/data/orders");
        var page = JsonSerializer.Deserialize(open.Body, PolymarketJsonContext.Default.ClobPageDtoOpenOrderDto)!;
        Assert.True(page.IsLastPage);
        OpenOrderDto order = Assert.Single(page.Data);
        Assert.Equal(dto.OrderId, order.Id);
        Assert.Equal("0.45", order.Price);
        Assert.Equal("10", order.OriginalSize);
        Assert.Equal("ORDER_STATUS_LIVE", order.Status);
        Assert.True(open.Headers.ContainsKey("Poly-RateLimit-Tier") || placed.Headers.ContainsKey("Poly-RateLimit-Tier"));
    }

    [Fact]
    public async Task Wrong_or_missing_hmac_is_401_with_the_venue_text()
    {
        await using var c = await EmulatorClient.StartAsync();
        using var wrong = new L2RequestSigner(new ApiCredentials(c.Credentials.ApiKey, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", c.Credentials.Passphrase), c.Signer.Address);
        Reply badHmac = await c.SendAsync(HttpMethod.Get, "/data/orders", signer: wrong);
        Reply missing = await c.SendAsync(HttpMethod.Get, "/data/orders", sign: false);
        Reply tamperedBody = await c.SendAsync(HttpMethod.Post, "/order", c.OrderBody(c.Limit(Side.Buy, "0.45", "10")), signer: wrong);

        Assert.Equal(401, badHmac.Status);
        Assert.Equal("Unauthorized/Invalid api key", badHmac.Error);
        Assert.Equal(401, missing.Status);
        Assert.Equal(401, tamperedBody.Status);
    }

    [Fact]
    public async Task Order_signed_by_a_key_other_than_the_api_key_is_rejected()
    {
        await using var c = await EmulatorClient.StartAsync();
        EmulatorClient other = c.Other();
        try
        {
            // Signed (and signer field set) by the other key, sent under our API key.
            Reply r = await c.SendAsync(HttpMethod.Post, "/order", OrderJson.SerializeOrder(other.Limit(Side.Buy, "0.45", "10"), c.Credentials.ApiKey));
            Assert.Equal(400, r.Status);
            Assert.Equal("the order signer address has to be the address of the API KEY", r.Error);
            Assert.Equal(RejectReason.Unauthorized, PolymarketErrorMapper.Map(r.Status, r.Error).Reason);

            // Our signer field, but the signature bytes of another order: recovery yields someone else.
            SignedOrder mine = c.Limit(Side.Buy, "0.45", "10");
            SignedOrder forged = mine with { Signature = c.Limit(Side.Buy, "0.44", "10").Signature };
            Reply f = await c.PostOrderAsync(forged);
            Assert.Equal("the order signer address has to be the address of the API KEY", f.Error);

            Reply owner = await c.SendAsync(HttpMethod.Post, "/order", OrderJson.SerializeOrder(mine, other.Credentials.ApiKey));
            Assert.Equal("the order owner has to be the owner of the API KEY", owner.Error);
        }
        finally
        {
            other.DisposeClientOnly();
        }
    }

    [Fact]
    public async Task Off_tick_price_and_size_below_minimum_get_the_venue_texts()
    {
        await using var c = await EmulatorClient.StartAsync();
        Reply tick = await c.PostOrderAsync(c.Limit(Side.Buy, "0.455", "10", tick: "0.001"));
        Reply size = await c.PostOrderAsync(c.Limit(Side.Buy, "0.45", "2"));

        Assert.Equal(400, tick.Status);
        Assert.Matches(@"^order 0x[0-9a-f]{64} is invalid\. Price \(0\.455\) breaks minimum tick size rule: 0\.01$", tick.Error);
        Assert.Equal(RejectReason.InvalidTick, PolymarketErrorMapper.Map(tick.Status, tick.Error).Reason);
        Assert.Equal("order is invalid. Size lower than the minimum", size.Error);
    }

    [Fact]
    public async Task Batch_of_16_is_refused_whole_and_a_batch_of_two_answers_each_order()
    {
        await using var c = await EmulatorClient.StartAsync();
        var sixteen = Enumerable.Range(0, 16).Select(i => c.Limit(Side.Buy, "0.30", (5 + i).ToString(CultureInfo.InvariantCulture))).ToList();
        byte[] body16 = BatchBody(sixteen, c.Credentials.ApiKey);
        Reply tooMany = await c.SendAsync(HttpMethod.Post, "/orders", body16);
        Assert.Equal(400, tooMany.Status);
        Assert.Equal("Too many orders in payload: 16, max allowed: 15", tooMany.Error);

        byte[] two = OrderJson.SerializeBatch([c.Limit(Side.Buy, "0.30", "5"), c.Limit(Side.Buy, "0.31", "1")], c.Credentials.ApiKey);
        Reply batch = await c.SendAsync(HttpMethod.Post, "/orders", two);
        var results = JsonSerializer.Deserialize(batch.Body, PolymarketJsonContext.Default.ListPostOrderResponseDto)!;
        Assert.Equal(2, results.Count);
        Assert.True(results[0].Success);
        Assert.False(results[1].Success);
        Assert.Equal("order is invalid. Size lower than the minimum", results[1].ErrorMsg);
    }

    private static byte[] BatchBody(List<SignedOrder> orders, string owner)
    {
        // OrderJson refuses more than 15 (as it should); the emulator must refuse such a body too.
        var sb = new StringBuilder("[");
        for (int i = 0; i < orders.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Encoding.UTF8.GetString(OrderJson.SerializeOrder(orders[i], owner)));
        }

        return Encoding.UTF8.GetBytes(sb.Append(']').ToString());
    }

    [Fact]
    public async Task Cancel_one_then_cancel_all_empties_the_open_orders()
    {
        await using var c = await EmulatorClient.StartAsync();
        string a = (await c.PostOrderAsync(c.Limit(Side.Buy, "0.40", "10"))).Json.GetProperty("orderID").GetString()!;
        await c.PostOrderAsync(c.Limit(Side.Buy, "0.41", "10"));
        await c.PostOrderAsync(c.Limit(Side.Sell, "0.60", "10"));

        Reply one = await c.SendAsync(HttpMethod.Delete, "/order", Encoding.UTF8.GetBytes($"{{\"orderID\":\"{a}\"}}"));
        var canceled = JsonSerializer.Deserialize(one.Body, PolymarketJsonContext.Default.CancelResponseDto)!;
        Assert.Equal([a], canceled.Canceled);
        Reply again = await c.SendAsync(HttpMethod.Delete, "/order", Encoding.UTF8.GetBytes($"{{\"orderID\":\"{a}\"}}"));
        Assert.Equal("Order not found or already canceled", JsonSerializer.Deserialize(again.Body, PolymarketJsonContext.Default.CancelResponseDto)!.NotCanceled[a]);

        Reply all = await c.SendAsync(HttpMethod.Delete, "/cancel-all");
        Assert.Equal(2, JsonSerializer.Deserialize(all.Body, PolymarketJsonContext.Default.CancelResponseDto)!.Canceled.Count);
        Reply open = await c.SendAsync(HttpMethod.Get, "/data/orders");
        Assert.Empty(JsonSerializer.Deserialize(open.Body, PolymarketJsonContext.Default.ClobPageDtoOpenOrderDto)!.Data);
    }

    [Fact]
    public async Task Post_only_order_that_would_cross_is_rejected()
    {
        await using var c = await EmulatorClient.StartAsync();
        c.Host.PlaceLiquidity(c.Market.YesTokenId, Side.Sell, Price.Parse("0.50"), Quantity.FromUnits(10));
        Reply r = await c.PostOrderAsync(c.Limit(Side.Buy, "0.50", "10", postOnly: true));
        Assert.Equal(400, r.Status);
        Assert.Equal("invalid post-only order: order crosses book", r.Error);
    }

    [Fact]
    public async Task Order_signed_for_exchange_v3_gets_order_version_mismatch()
    {
        await using var c = await EmulatorClient.StartAsync();
        c.Builder.Version = OrderVersion.V3;
        Reply r = await c.PostOrderAsync(c.Limit(Side.Buy, "0.45", "10"));
        Assert.Equal("order_version_mismatch", r.Error);
        Assert.True(PolymarketErrorMapper.Map(r.Status, r.Error).OrderVersionMismatch);
    }
}
