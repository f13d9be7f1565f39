using Bookmaker.Core.Orders;
namespace Bookmaker.Engine.Configuration;

/// <summary>Which venue adapter a run uses.</summary>
public enum VenueKind
{
    /// <summary>In-process simulated exchange (paper, backtest).</summary>
    Simulated,

    /// <summary>Polymarket CLOB.</summary>
    Polymarket,

    /// <summary>Bybit v5.</summary>
    Bybit,

    /// <summary>The Polymarket adapter against the in-process loopback emulator (paper on the real protocol).</summary>
    PolymarketEmulator,

    /// <summary>The Bybit adapter's market data against the in-process loopback Bybit emulator (paper on the real protocol).</summary>
    BybitEmulator,
}

/// <summary>Venue selection and credentials (section <c>Venue</c>).</summary>
public sealed record VenueOptions
{
    /// <summary>Adapter to use.</summary>
    public required VenueKind Name { get; init; }

    /// <summary>Polymarket endpoints and credentials.</summary>
    public required PolymarketOptions Polymarket { get; init; }

    /// <summary>Bybit endpoints, markets and credentials.</summary>
    public required BybitOptions Bybit { get; init; }

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Venue:Name", "simulated", "one of simulated, polymarket, bybit, polymarket-emulator, bybit-emulator", "Venue adapter to use (bybit: paper on real data, or live with --confirm-live; bybit-emulator: trading against the loopback emulator)."),
        new("Venue:Polymarket:ClobUrl", "https://clob.polymarket.com", "absolute http(s) URL", "CLOB REST endpoint."),
        new("Venue:Polymarket:GammaUrl", "https://gamma-api.polymarket.com", "absolute http(s) URL", "Gamma market-discovery endpoint."),
        new("Venue:Polymarket:WsUrl", "wss://ws-subscriptions-clob.polymarket.com/ws/", "absolute ws(s) URL", "WebSocket base (market/user channels appended)."),
        new("Venue:Polymarket:ChainId", "137", "137 (Polygon) or 80002 (Amoy)", "Chain id in EIP-712 domains."),
        ConfigKeyInfo.Secret("Venue:Polymarket:PrivateKey", "optional; 64 hex digits (0x optional), a valid secp256k1 key (not 0, below the curve order)",
            "Signing key (EOA) for orders and L1 auth."),
        new("Venue:Polymarket:ApiKey", null, "optional; a UUID (8-4-4-4-12 hex digits); required with ApiSecret and ApiPassphrase",
            "L2 API key (not secret on its own)."),
        ConfigKeyInfo.Secret("Venue:Polymarket:ApiSecret", "optional; URL-safe base64 of 32 bytes (44 characters; '+', '/' and no padding accepted); set together with ApiKey and ApiPassphrase",
            "L2 HMAC secret."),
        ConfigKeyInfo.Secret("Venue:Polymarket:ApiPassphrase", "optional; 64 hex digits; set together with ApiKey and ApiSecret", "L2 passphrase."),
        new("Venue:Polymarket:Funder", null, "optional; 0x + 40 hex digits, not the zero address; required for types 1–3", "Proxy/Safe/deposit wallet holding funds (signature types 1, 2, 3)."),
        new("Venue:Polymarket:SignatureType", "0", "0 EOA, 1 POLY_PROXY, 2 POLY_GNOSIS_SAFE, 3 POLY_1271", "Order signature type."),
        new("Venue:Polymarket:SellableAt", "Confirmed", "Confirmed or Mined",
            "From which settlement rung bought shares may be sold (the venue refuses tokens whose trade has not settled)."),
        new("Venue:Polymarket:GeoblockUrl", "https://polymarket.com/api/geoblock", "absolute http(s) URL", "Geoblock check used by `live` before trading."),
        new("Venue:Polymarket:RequestTimeout", "5s", "duration > 0", "Per-attempt timeout of one REST request."),
        new("Venue:Polymarket:HeartbeatInterval", "5s", "duration > 0", "Dead-man-switch heartbeat period (POST /v1/heartbeats)."),
        new("Venue:Polymarket:HeartbeatWindow", "10s", "duration > HeartbeatInterval",
            "How long the venue waits without a heartbeat before cancelling every order; after it, open orders are presumed cancelled until reconciled."),
        new("Venue:Polymarket:ScoringCheckInterval", "30s", "duration >= 0 (0 = off)",
            "`live`: how often our resting orders on reward markets are checked with POST /orders-scoring."),
        new("Venue:Polymarket:ScoringAlertAfter", "5m", "duration > 0",
            "`live`: a WARNING when a reward market's quotes have rested this long without scoring once."),
        new("Venue:Polymarket:ForbiddenPause", "10s", "duration > 0, at most 1h",
            "After an HTTP 403 (Cloudflare), every REST request is paused this long (or the answer's Retry-After, if longer): submits and heartbeats refused locally, cancels and queries held."),
        new("Venue:Polymarket:WsStaleTimeout", "30s", "duration > 0", "A WebSocket with no message for this long is reconnected."),
        new("Venue:Polymarket:AssetSilenceMin", "10s", "duration > 0", "Per-asset watchdog: shortest silence of one market judged suspicious (then resubscribe + REST snapshot)."),
        new("Venue:Polymarket:AssetSilenceMax", "60s", "duration >= AssetSilenceMin", "Per-asset watchdog: longest silence of one market tolerated, however quiet."),
        new("Venue:Polymarket:Markets", "", "comma-separated condition ids (0x…) or Gamma slugs; optional",
            "Markets of `paper --venue polymarket` (real market data, simulated fills); required there."),
    ];

    internal static VenueOptions Bind(ConfigReader r)
    {
        return new VenueOptions
        {
            Name = r.Enum<VenueKind>("Venue:Name"),
            Polymarket = PolymarketOptions.Bind(r),
            Bybit = BybitOptions.Bind(r, (reader, key, schemes) => PolymarketOptions.Url(reader, key, schemes)),
        };
    }
}

/// <summary>Polymarket endpoints and credentials (section <c>Venue:Polymarket</c>). Secrets are never logged.</summary>
public sealed record PolymarketOptions
{
    /// <summary>CLOB REST base URL.</summary>
    public required Uri ClobUrl { get; init; }

    /// <summary>Gamma API base URL.</summary>
    public required Uri GammaUrl { get; init; }

    /// <summary>WebSocket base URL.</summary>
    public required Uri WsUrl { get; init; }

    /// <summary>137 (Polygon) or 80002 (Amoy).</summary>
    public required int ChainId { get; init; }

    /// <summary>Signing key, 0x-prefixed hex; null when not configured. Secret.</summary>
    public required string? PrivateKey { get; init; }

    /// <summary>L2 API key; null when not configured.</summary>
    public required string? ApiKey { get; init; }

    /// <summary>L2 HMAC secret; null when not configured. Secret.</summary>
    public required string? ApiSecret { get; init; }

    /// <summary>L2 passphrase; null when not configured. Secret.</summary>
    public required string? ApiPassphrase { get; init; }

    /// <summary>Funder (proxy/Safe) address; null when the signer holds the funds.</summary>
    public required string? Funder { get; init; }

    /// <summary>0 EOA, 1 POLY_PROXY, 2 POLY_GNOSIS_SAFE, 3 POLY_1271.</summary>
    public required int SignatureType { get; init; }

    /// <summary>
    /// From which rung of the settlement ladder bought shares are sellable: <see cref="SettlementState.Confirmed"/>
    /// (default) or <see cref="SettlementState.Mined"/>.
    /// </summary>
    public SettlementState SellableAt { get; init; } = SettlementState.Confirmed;

    /// <summary>Geoblock endpoint checked before live trading.</summary>
    public Uri GeoblockUrl { get; init; } = new("https://polymarket.com/api/geoblock");

    /// <summary>Per-attempt timeout of one REST request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeat (dead-man switch) period.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the venue waits without a heartbeat before it cancels every order.</summary>
    public TimeSpan HeartbeatWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often resting orders on reward markets are checked for scoring (zero = never).</summary>
    public TimeSpan ScoringCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a reward market's quotes may rest without scoring before a WARNING.</summary>
    public TimeSpan ScoringAlertAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long every REST request is paused after an HTTP 403 (Cloudflare's rate-limit window is 10 s).</summary>
    public TimeSpan ForbiddenPause { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-asset watchdog: shortest silence judged suspicious.</summary>
    public TimeSpan AssetSilenceMin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-asset watchdog: longest silence tolerated.</summary>
    public TimeSpan AssetSilenceMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Silence after which a WebSocket is considered dead and reconnected.</summary>
    public TimeSpan WsStaleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Markets to follow (condition ids or Gamma slugs), in the order given; empty when not configured.</summary>
    public IReadOnlyList<string> Markets { get; init; } = [];

    /// <summary>Redacts secrets so an accidental log line cannot leak them.</summary>
    public override string ToString() =>
        $"PolymarketOptions {{ ClobUrl = {ClobUrl}, ChainId = {ChainId}, PrivateKey = {Mask(PrivateKey)}, ApiKey = {ApiKey}, " +
        $"ApiSecret = {Mask(ApiSecret)}, ApiPassphrase = {Mask(ApiPassphrase)}, Funder = {Funder}, SignatureType = {SignatureType} }}";

    private static string Mask(string? s) => s is null ? "null" : ConfigEntry.Redacted;

    private static SettlementState SellableRung(ConfigReader r)
    {
        string text = r.Text("Venue:Polymarket:SellableAt");
        bool mined = string.Equals(text, "Mined", StringComparison.OrdinalIgnoreCase);
        r.Require("Venue:Polymarket:SellableAt", mined || string.Equals(text, "Confirmed", StringComparison.OrdinalIgnoreCase),
            "must be Confirmed or Mined");
        return mined ? SettlementState.Mined : SettlementState.Confirmed;
    }

    internal static PolymarketOptions Bind(ConfigReader r)
    {
        var o = new PolymarketOptions
        {
            ClobUrl = Url(r, "Venue:Polymarket:ClobUrl", "http", "https"),
            GammaUrl = Url(r, "Venue:Polymarket:GammaUrl", "http", "https"),
            WsUrl = Url(r, "Venue:Polymarket:WsUrl", "ws", "wss"),
            ChainId = r.WholeNumber("Venue:Polymarket:ChainId"),
            PrivateKey = r.OptionalString("Venue:Polymarket:PrivateKey"),
            ApiKey = r.OptionalString("Venue:Polymarket:ApiKey"),
            ApiSecret = r.OptionalString("Venue:Polymarket:ApiSecret"),
            ApiPassphrase = r.OptionalString("Venue:Polymarket:ApiPassphrase"),
            Funder = r.OptionalString("Venue:Polymarket:Funder"),
            SignatureType = r.WholeNumber("Venue:Polymarket:SignatureType"),
            SellableAt = SellableRung(r),
            GeoblockUrl = Url(r, "Venue:Polymarket:GeoblockUrl", "http", "https"),
            RequestTimeout = r.Duration("Venue:Polymarket:RequestTimeout"),
            HeartbeatInterval = r.Duration("Venue:Polymarket:HeartbeatInterval"),
            WsStaleTimeout = r.Duration("Venue:Polymarket:WsStaleTimeout"),
            HeartbeatWindow = r.Duration("Venue:Polymarket:HeartbeatWindow"),
            ScoringCheckInterval = r.Duration("Venue:Polymarket:ScoringCheckInterval"),
            ScoringAlertAfter = r.Duration("Venue:Polymarket:ScoringAlertAfter"),
            AssetSilenceMin = r.Duration("Venue:Polymarket:AssetSilenceMin"),
            AssetSilenceMax = r.Duration("Venue:Polymarket:AssetSilenceMax"),
            ForbiddenPause = r.Duration("Venue:Polymarket:ForbiddenPause", TimeSpan.FromHours(1)),
            Markets = (r.OptionalString("Venue:Polymarket:Markets") ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        r.Require("Venue:Polymarket:RequestTimeout", o.RequestTimeout > TimeSpan.Zero, "must be greater than zero");
        r.Require("Venue:Polymarket:HeartbeatInterval", o.HeartbeatInterval > TimeSpan.Zero, "must be greater than zero");
        r.Require("Venue:Polymarket:WsStaleTimeout", o.WsStaleTimeout > TimeSpan.Zero, "must be greater than zero");
        r.Require("Venue:Polymarket:HeartbeatWindow", o.HeartbeatWindow > o.HeartbeatInterval, "must be longer than Venue:Polymarket:HeartbeatInterval");
        r.Require("Venue:Polymarket:ScoringCheckInterval", o.ScoringCheckInterval >= TimeSpan.Zero, "must be zero (off) or positive");
        r.Require("Venue:Polymarket:ScoringAlertAfter", o.ScoringAlertAfter > TimeSpan.Zero, "must be greater than zero");
        r.Require("Venue:Polymarket:AssetSilenceMin", o.AssetSilenceMin > TimeSpan.Zero, "must be greater than zero");
        r.Require("Venue:Polymarket:ForbiddenPause", o.ForbiddenPause > TimeSpan.Zero, "must be greater than zero");
        r.Require("Venue:Polymarket:AssetSilenceMax", o.AssetSilenceMax >= o.AssetSilenceMin, "must be at least Venue:Polymarket:AssetSilenceMin");
        r.Require("Venue:Polymarket:Markets", o.Markets.Distinct(StringComparer.OrdinalIgnoreCase).Count() == o.Markets.Count, "must not repeat a market");
        r.Require("Venue:Polymarket:ChainId", o.ChainId is 137 or 80002, "must be 137 (Polygon) or 80002 (Amoy)");
        r.Require("Venue:Polymarket:SignatureType", o.SignatureType is >= 0 and <= 3, "must be 0, 1, 2 or 3");
        r.Require("Venue:Polymarket:PrivateKey", o.PrivateKey is null || CredentialFormats.IsPrivateKey(o.PrivateKey),
            "must be 64 hex digits (0x optional) of a valid secp256k1 key: not zero, below the curve order");
        r.Require("Venue:Polymarket:ApiKey", o.ApiKey is null || CredentialFormats.IsApiKey(o.ApiKey),
            "must be a UUID such as 01234567-89ab-cdef-0123-456789abcdef");
        r.Require("Venue:Polymarket:ApiSecret", o.ApiSecret is null || CredentialFormats.IsApiSecret(o.ApiSecret),
            "must be URL-safe base64 of 32 bytes, as POST /auth/api-key returns it");
        r.Require("Venue:Polymarket:ApiPassphrase", o.ApiPassphrase is null || CredentialFormats.IsApiPassphrase(o.ApiPassphrase),
            "must be 64 hex digits, as POST /auth/api-key returns it");
        r.Require("Venue:Polymarket:Funder", o.Funder is null || IsHex(o.Funder, 40), "must be 0x followed by 40 hex digits");
        int apiParts = (o.ApiKey is null ? 0 : 1) + (o.ApiSecret is null ? 0 : 1) + (o.ApiPassphrase is null ? 0 : 1);
        r.Require("Venue:Polymarket:ApiKey", apiParts is 0 or 3,
            "ApiKey, ApiSecret and ApiPassphrase must be set together (or none, to derive them)");
        // The zero address is a placeholder (the example profile's), never a wallet: orders made by it could not be
        // funded, and a funds check against it would read an empty account.
        r.Require("Venue:Polymarket:Funder", o.Funder is null || !IsZeroAddress(o.Funder),
            "must not be the zero address; set the proxy/Safe/deposit wallet address shown on polymarket.com, or leave it unset for an EOA");
        r.Relate("Venue:Polymarket:Funder", "Venue:Polymarket:SignatureType", o.SignatureType is not (1 or 2 or 3) || o.Funder is not null,
            "is required when Venue:Polymarket:SignatureType is 1, 2 or 3");
        return o;
    }

    internal static Uri Url(ConfigReader r, string key, params string[] schemes)
    {
        var fallback = new Uri("http://invalid/");
        return r.Custom(key, (string s, out Uri v) =>
        {
            v = fallback;
            if (!Uri.TryCreate(s, UriKind.Absolute, out var u) || !schemes.Contains(u.Scheme)) return false;
            v = u;
            return true;
        }, "must be an absolute " + string.Join(" or ", schemes) + " URL", fallback);
    }

    private static bool IsZeroAddress(string s) => IsHex(s, 40) && s.AsSpan(2).ContainsAnyExcept('0') is false;

    private static bool IsHex(string s, int digits) =>
        s.Length == digits + 2 && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.AsSpan(2).ContainsAnyExcept(HexDigits) is false;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
