using System.Text.Json;

namespace Bookmaker.Venues.Bybit.Trading;

/// <summary>
/// One answer of the venue, REST envelope or trade-WebSocket ack alike: the retCode and its words, the result
/// (<c>result</c> / <c>data</c>) and <c>retExtInfo</c> (a batch's per-item codes). Cloned out of the parsed document,
/// so it outlives the buffer it came from.
/// </summary>
/// <param name="RetCode">0 on success.</param>
/// <param name="RetMsg">The venue's words.</param>
/// <param name="Result">The result object (undefined when absent).</param>
/// <param name="ExtInfo">retExtInfo (undefined when absent).</param>
public sealed record BybitResponse(int RetCode, string RetMsg, JsonElement Result, JsonElement ExtInfo)
{
    /// <summary>Reads an envelope whose result sits under <paramref name="resultName"/> (REST: <c>result</c>; trade stream: <c>data</c>).</summary>
    public static BybitResponse Read(JsonElement root, string resultName = "result")
    {
        int code = root.TryGetProperty("retCode", out var c) && c.TryGetInt32(out int v) ? v : throw new FormatException("no retCode in the venue's answer");
        string msg = root.TryGetProperty("retMsg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
        var result = root.TryGetProperty(resultName, out var r) ? r.Clone() : default;
        var ext = root.TryGetProperty("retExtInfo", out var e) ? e.Clone() : default;
        return new BybitResponse(code, msg, result, ext);
    }

    /// <summary>The per-item code and message of a batch answer's item <paramref name="index"/> (the top-level answer when absent).</summary>
    public (int Code, string Message) Item(int index)
    {
        if (ExtInfo.ValueKind == JsonValueKind.Object && ExtInfo.TryGetProperty("list", out var list) && list.ValueKind == JsonValueKind.Array && index < list.GetArrayLength())
        {
            var item = list[index];
            int code = item.TryGetProperty("code", out var c) && c.TryGetInt32(out int v) ? v : -1;
            return (code, item.TryGetProperty("msg", out var m) ? m.GetString() ?? "" : "");
        }

        return (-1, "no per-item answer for item " + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A string field of the result object, or null.</summary>
    public string? ResultString(string name) =>
        Result.ValueKind == JsonValueKind.Object && Result.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
