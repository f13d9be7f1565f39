using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>Small JSON and number helpers every part of the emulator writes or reads its messages with.</summary>
internal static class EmuJson
{
    /// <summary>A property as text: strings as they are, numbers and booleans as written; null when absent or another kind.</summary>
    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> items)
    {
        var a = new JsonArray();
        foreach (string s in items) a.Add(s);
        return a;
    }

    /// <summary>A unix time (or any integer) as the venue writes it: a decimal string.</summary>
    public static string Unix(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>An amount as the venue's 6-decimal integer string (pUSD or token micros).</summary>
    public static string Micros(Money m) => (m.Raw / 1000).ToString(CultureInfo.InvariantCulture);

    /// <summary>BUY or SELL.</summary>
    public static string SideText(Side side) => side == Side.Buy ? "BUY" : "SELL";
}
