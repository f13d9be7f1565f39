using System.Text.Json;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// A <c>market_resolved</c> event of the market channel: <c>{"event_type":"market_resolved","market":"0x…",
/// "assets_ids":[…],"winning_asset_id":"…","winning_outcome":"Yes",…}</c> (sent with <c>custom_feature_enabled</c>).
/// </summary>
/// <param name="Market">The market's condition id.</param>
/// <param name="WinningOutcome">The winning outcome's label, when given.</param>
public sealed record MarketResolvedMessage(string Market, string? WinningOutcome)
{
    /// <summary>
    /// Every <c>market_resolved</c> event of a frame (an object or an array of events); events without a <c>market</c>
    /// are skipped. Never throws: a frame that does not parse yields nothing (the parser has already judged it).
    /// </summary>
    public static List<MarketResolvedMessage> Read(ReadOnlySpan<byte> frame)
    {
        var found = new List<MarketResolvedMessage>();
        try
        {
            var reader = new Utf8JsonReader(frame);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in doc.RootElement.EnumerateArray()) Add(e, found);
            }
            else
            {
                Add(doc.RootElement, found);
            }
        }
        catch (JsonException)
        {
            // nothing usable
        }

        return found;
    }

    private static void Add(JsonElement e, List<MarketResolvedMessage> found)
    {
        if (e.ValueKind != JsonValueKind.Object) return;
        if (!e.TryGetProperty("event_type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "market_resolved") return;
        if (!e.TryGetProperty("market", out var market) || market.ValueKind != JsonValueKind.String || market.GetString() is not { Length: > 0 } id) return;
        string? winner = e.TryGetProperty("winning_outcome", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString() : null;
        found.Add(new MarketResolvedMessage(id, winner));
    }
}
