using System.Text;
using System.Text.Json;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// Builds the text frames a Polymarket WebSocket client sends: subscribe / unsubscribe messages for the market and
/// user channels, the <c>PING</c> heartbeat, and the sharding of large asset lists across connections and frames.
/// </summary>
/// <remarks>
/// The user-channel subscribe message carries the raw API key, secret and passphrase (the channel does not use HMAC):
/// never log it.
/// </remarks>
public static class PolymarketSubscriptions
{
    /// <summary>Asset ids one connection serves before the venue misbehaves (undocumented limit, ~500).</summary>
    public const int MaxAssetsPerConnection = 500;

    /// <summary>Asset ids per subscribe frame; very large frames close the socket, so official clients send ≤ 100.</summary>
    public const int MaxAssetsPerFrame = 100;

    /// <summary>Seconds between <see cref="Ping"/> frames (the venue drops idle sockets).</summary>
    public const int PingIntervalSeconds = 10;

    /// <summary>The heartbeat text frame the client sends.</summary>
    public static ReadOnlySpan<byte> Ping => "PING"u8;

    /// <summary>The heartbeat answer the server sends (plain text, not JSON).</summary>
    public static ReadOnlySpan<byte> Pong => "PONG"u8;

    /// <summary>True when a received frame is the <c>PONG</c> answer.</summary>
    public static bool IsPong(ReadOnlySpan<byte> frame) => frame.Trim(" \t\r\n"u8).SequenceEqual(Pong);

    /// <summary>
    /// The initial market-channel subscribe message:
    /// <c>{"assets_ids":[…],"type":"market","custom_feature_enabled":true,"initial_dump":true}</c>.
    /// </summary>
    /// <param name="assetIds">Token ids (at most <see cref="MaxAssetsPerFrame"/> advisable).</param>
    /// <param name="customFeatureEnabled">Ask for <c>best_bid_ask</c>, <c>new_market</c> and <c>market_resolved</c>.</param>
    /// <param name="initialDump">Ask for a <c>book</c> snapshot of each asset on subscribe (what the official SDK sends).</param>
    public static string MarketSubscribe(IEnumerable<string> assetIds, bool customFeatureEnabled = true, bool initialDump = true) =>
        Write(w =>
        {
            WriteAssets(w, assetIds);
            w.WriteString("type", "market");
            w.WriteBoolean("custom_feature_enabled", customFeatureEnabled);
            w.WriteBoolean("initial_dump", initialDump);
        });

    /// <summary>Adds assets on an open market connection: <c>{"assets_ids":[…],"operation":"subscribe","custom_feature_enabled":true}</c>.</summary>
    public static string MarketAdd(IEnumerable<string> assetIds, bool customFeatureEnabled = true) =>
        Write(w =>
        {
            WriteAssets(w, assetIds);
            w.WriteString("operation", "subscribe");
            w.WriteBoolean("custom_feature_enabled", customFeatureEnabled);
        });

    /// <summary>Removes assets from an open market connection: <c>{"assets_ids":[…],"operation":"unsubscribe"}</c>.</summary>
    public static string MarketRemove(IEnumerable<string> assetIds) =>
        Write(w =>
        {
            WriteAssets(w, assetIds);
            w.WriteString("operation", "unsubscribe");
        });

    /// <summary>
    /// The user-channel subscribe message
    /// <c>{"auth":{"apiKey":…,"secret":…,"passphrase":…},"type":"user","markets":[…]}</c>. Contains secrets.
    /// </summary>
    /// <param name="apiKey">API key (uuid).</param>
    /// <param name="secret">API secret (base64), sent as is.</param>
    /// <param name="passphrase">API passphrase.</param>
    /// <param name="conditionIds">Condition ids (markets) to follow; null or empty for all markets.</param>
    public static string UserSubscribe(string apiKey, string secret, string passphrase, IEnumerable<string>? conditionIds = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        string[] markets = conditionIds?.ToArray() ?? [];
        return Write(w =>
        {
            w.WriteStartObject("auth");
            w.WriteString("apiKey", apiKey);
            w.WriteString("secret", secret);
            w.WriteString("passphrase", passphrase);
            w.WriteEndObject();
            w.WriteString("type", "user");
            if (markets.Length > 0)
            {
                w.WriteStartArray("markets");
                foreach (string m in markets) w.WriteStringValue(m);
                w.WriteEndArray();
            }
        });
    }

    /// <summary>Follows more / fewer markets on an open user connection: <c>{"operation":"subscribe"|"unsubscribe","markets":[…]}</c>.</summary>
    public static string UserChange(IEnumerable<string> conditionIds, bool subscribe) =>
        Write(w =>
        {
            w.WriteString("operation", subscribe ? "subscribe" : "unsubscribe");
            w.WriteStartArray("markets");
            foreach (string m in conditionIds) w.WriteStringValue(m);
            w.WriteEndArray();
        });

    /// <summary>
    /// Splits ids into consecutive shards of at most <paramref name="maxPerShard"/>, preserving order and dropping
    /// duplicates — one shard per connection (<see cref="MaxAssetsPerConnection"/>) or per frame
    /// (<see cref="MaxAssetsPerFrame"/>).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Shard(IEnumerable<string> ids, int maxPerShard = MaxAssetsPerConnection)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerShard, 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shards = new List<IReadOnlyList<string>>();
        List<string>? current = null;
        foreach (string id in ids)
        {
            if (!seen.Add(id)) continue;
            if (current is null || current.Count == maxPerShard)
            {
                current = new List<string>(maxPerShard);
                shards.Add(current);
            }

            current.Add(id);
        }

        return shards;
    }

    private static void WriteAssets(Utf8JsonWriter w, IEnumerable<string> assetIds)
    {
        ArgumentNullException.ThrowIfNull(assetIds);
        w.WriteStartArray("assets_ids");
        foreach (string id in assetIds) w.WriteStringValue(id);
        w.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
