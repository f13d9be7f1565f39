using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Orders;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests;

/// <summary>
/// A raw test client: a real <see cref="HttpClient"/> and <see cref="ClientWebSocket"/> over loopback, orders built
/// and signed with <see cref="OrderBuilder"/>, L2 headers from <see cref="L2RequestSigner"/>. Not the adapter.
/// </summary>
internal sealed class EmulatorClient : IAsyncDisposable
{
    public const string KeyHex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public const string OtherKeyHex = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    private readonly Secp256k1PrivateKey _key;
    private readonly ISecp256k1Signer _signer;

    private EmulatorClient(PolymarketEmulatorHost host, SimulatedTimeProvider clock, string keyHex)
    {
        Host = host;
        Clock = clock;
        _key = Secp256k1PrivateKey.FromHex(keyHex);
        _signer = Secp256k1SignerFactory.Create(_key);
        Credentials = host.CreateApiKey(_signer.Address);
        Hmac = new L2RequestSigner(Credentials.ToApiCredentials(), _signer.Address);
        Builder = new OrderBuilder(new OrderSigner(_signer, SignatureType.Eoa), PolymarketContracts.Polygon, clock, new Random(7));
        Http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public PolymarketEmulatorHost Host { get; }
    public SimulatedTimeProvider Clock { get; }
    public EmulatorCredentials Credentials { get; }
    public L2RequestSigner Hmac { get; }
    public OrderBuilder Builder { get; }
    public HttpClient Http { get; }
    public ISecp256k1Signer Signer => _signer;
    public EmulatedMarket Market => Host.Markets[0];

    public MarketSigningInfo Yes(string tick = "0.01") => new(TokenId.Parse(Market.YesTokenId), Price.Parse(tick), false);

    public static async Task<EmulatorClient> StartAsync(Func<EmulatorOptions, EmulatorOptions>? configure = null)
    {
        var clock = new SimulatedTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new EmulatorOptions { Time = clock };
        if (configure is not null) options = configure(options);
        var host = await PolymarketEmulatorHost.StartAsync(options);
        return new EmulatorClient(host, clock, KeyHex);
    }

    /// <summary>A second client (another key) on the same emulator.</summary>
    public EmulatorClient Other(string keyHex = OtherKeyHex) => new(Host, Clock, keyHex);

    public byte[] OrderBody(SignedOrder order) => OrderJson.SerializeOrder(order, Credentials.ApiKey);

    public SignedOrder Limit(Side side, string price, string size, bool postOnly = false, string tick = "0.01") =>
        Builder.BuildLimit(Yes(tick), side, Price.Parse(price), Quantity.Parse(size), TimeInForce.Gtc, postOnly);

    public Task<Reply> PostOrderAsync(SignedOrder order) => SendAsync(HttpMethod.Post, "/order", OrderBody(order));

    public async Task<Reply> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body = null, L2RequestSigner? signer = null, bool sign = true)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (sign)
        {
            long ts = Clock.GetUtcNow().ToUnixTimeSeconds();
            var h = (signer ?? Hmac).CreateHeaders(ts, method.Method, pathAndQuery, body ?? []);
            request.Headers.Add(L2AuthHeaders.AddressHeader, h.Address);
            request.Headers.Add(L2AuthHeaders.SignatureHeader, h.Signature);
            request.Headers.Add(L2AuthHeaders.TimestampHeader, h.Timestamp);
            request.Headers.Add(L2AuthHeaders.ApiKeyHeader, h.ApiKey);
            request.Headers.Add(L2AuthHeaders.PassphraseHeader, h.Passphrase);
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.ToDictionary(x => x.Key, x => string.Join(",", x.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply((int)response.StatusCode, text, headers);
    }

    public async Task<ClientWebSocket> ConnectAsync(string channel, string subscribe)
    {
        var ws = new ClientWebSocket();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await ws.ConnectAsync(new Uri(Host.WsUrl, channel), cts.Token);
        await SendTextAsync(ws, subscribe);
        return ws;
    }

    public static async Task SendTextAsync(ClientWebSocket ws, string text)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
    }

    /// <summary>Next text frame, waiting at most 5 s (a bound, not a sleep).</summary>
    public static async Task<string> ReceiveAsync(ClientWebSocket ws)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new byte[64 * 1024];
        using var ms = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult r = await ws.ReceiveAsync(buffer, cts.Token);
            if (r.MessageType == WebSocketMessageType.Close) return "<close>";
            ms.Write(buffer, 0, r.Count);
            if (r.EndOfMessage) return Encoding.UTF8.GetString(ms.ToArray());
        }
    }

    /// <summary>Frames until one satisfies <paramref name="match"/> (bounded by the 5 s receive limit and a count).</summary>
    public static async Task<string> ReceiveUntilAsync(ClientWebSocket ws, Func<string, bool> match, int maxFrames = 50)
    {
        for (int i = 0; i < maxFrames; i++)
        {
            string frame = await ReceiveAsync(ws);
            if (match(frame)) return frame;
        }

        throw new TimeoutException("expected frame not received");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Hmac.Dispose();
        _signer.Dispose();
        _key.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Disposes only the client side (for a second client sharing the host).</summary>
    public void DisposeClientOnly()
    {
        Http.Dispose();
        Hmac.Dispose();
        _signer.Dispose();
        _key.Dispose();
    }
}

internal sealed record Reply(int Status, string Body, Dictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Error => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("error", out var e) ? e.GetString() : null;
}
