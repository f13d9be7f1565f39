namespace Bookmaker.Venues.Bybit.Auth;

/// <summary>The four headers of a signed Bybit v5 REST request.</summary>
/// <param name="ApiKey">X-BAPI-API-KEY (an identifier, not a secret).</param>
/// <param name="Timestamp">X-BAPI-TIMESTAMP: UTC milliseconds, as signed.</param>
/// <param name="RecvWindow">X-BAPI-RECV-WINDOW: milliseconds, as signed.</param>
/// <param name="Signature">X-BAPI-SIGN: lowercase hex HMAC-SHA256.</param>
public readonly record struct BybitAuthHeaders(string ApiKey, string Timestamp, string RecvWindow, string Signature)
{
    /// <summary>Header names as the API spells them.</summary>
    public const string ApiKeyHeader = "X-BAPI-API-KEY", TimestampHeader = "X-BAPI-TIMESTAMP", RecvWindowHeader = "X-BAPI-RECV-WINDOW",
        SignatureHeader = "X-BAPI-SIGN";
}
