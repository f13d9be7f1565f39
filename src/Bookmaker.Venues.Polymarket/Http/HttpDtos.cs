using System.Text.Json.Serialization;

namespace Bookmaker.Venues.Polymarket.Http;

/// <summary><c>POST /v1/heartbeats</c> body and answer (<c>{"heartbeat_id":"…"}</c>; a 400 also carries the expected id).</summary>
public sealed class HeartbeatDto
{
    /// <summary>Heartbeat id ("" on the first beat).</summary>
    [JsonPropertyName("heartbeat_id")] public string? HeartbeatId { get; set; }

    /// <summary>Error text on a 400.</summary>
    [JsonPropertyName("error")] public string? Error { get; set; }
}

/// <summary>GET geoblock answer.</summary>
public sealed class GeoblockDto
{
    /// <summary>True when orders from this IP are refused.</summary>
    [JsonPropertyName("blocked")] public bool Blocked { get; set; }

    /// <summary>Caller IP as the venue sees it.</summary>
    [JsonPropertyName("ip")] public string? Ip { get; set; }

    /// <summary>ISO country.</summary>
    [JsonPropertyName("country")] public string? Country { get; set; }

    /// <summary>Region.</summary>
    [JsonPropertyName("region")] public string? Region { get; set; }
}

/// <summary><c>GET /auth/ban-status/closed-only</c> answer.</summary>
public sealed class ClosedOnlyDto
{
    /// <summary>True when the account may only close positions.</summary>
    [JsonPropertyName("closed_only")] public bool ClosedOnly { get; set; }
}

/// <summary><c>/auth/api-key</c> and <c>/auth/derive-api-key</c> answer. Holds secrets: never log it.</summary>
public sealed class ApiKeyDto
{
    /// <summary>API key (UUID).</summary>
    [JsonPropertyName("apiKey")] public string? ApiKey { get; set; }

    /// <summary>HMAC secret. Secret.</summary>
    [JsonPropertyName("secret")] public string? Secret { get; set; }

    /// <summary>Passphrase. Secret.</summary>
    [JsonPropertyName("passphrase")] public string? Passphrase { get; set; }

    /// <summary>Masks the secrets.</summary>
    public override string ToString() => $"ApiKeyDto(apiKey={ApiKey}, secret=***, passphrase=***)";
}

/// <summary><c>DELETE /order</c> body.</summary>
public sealed class CancelOrderBodyDto
{
    /// <summary>Venue order id.</summary>
    [JsonPropertyName("orderID")] public string OrderId { get; set; } = "";
}

/// <summary><c>DELETE /cancel-market-orders</c> body.</summary>
public sealed class CancelMarketBodyDto
{
    /// <summary>Condition id.</summary>
    [JsonPropertyName("market")] public string? Market { get; set; }

    /// <summary>Token id.</summary>
    [JsonPropertyName("asset_id")] public string? AssetId { get; set; }
}

/// <summary><c>POST /books</c> body item.</summary>
public sealed class BookRequestDto
{
    /// <summary>Token id.</summary>
    [JsonPropertyName("token_id")] public string TokenId { get; set; } = "";
}

/// <summary>Source-generated metadata for the adapter's own small REST shapes.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HeartbeatDto))]
[JsonSerializable(typeof(GeoblockDto))]
[JsonSerializable(typeof(ClosedOnlyDto))]
[JsonSerializable(typeof(ApiKeyDto))]
[JsonSerializable(typeof(CancelOrderBodyDto))]
[JsonSerializable(typeof(CancelMarketBodyDto))]
[JsonSerializable(typeof(List<BookRequestDto>))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class PolymarketHttpJsonContext : JsonSerializerContext;
