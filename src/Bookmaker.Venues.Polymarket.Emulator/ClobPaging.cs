using System.Globalization;
using System.Text.Json.Nodes;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// CLOB cursor paging: <c>next_cursor</c> is the base64 of the next offset (<c>MA==</c> for 0) and
/// <see cref="Rest.ClobCursors.End"/> (<c>LTE=</c>) after the last page; an unreadable cursor reads past the end.
/// </summary>
internal static class ClobPaging
{
    /// <summary>The page of <paramref name="items"/> at <paramref name="cursor"/>.</summary>
    public static EmuResponse Page(List<JsonObject> items, string? cursor, int pageSize)
    {
        int offset = DecodeCursor(cursor);
        var data = new JsonArray();
        foreach (JsonObject item in items.Skip(offset).Take(pageSize)) data.Add(item);
        int next = offset + data.Count;
        return EmuResponse.Json(new JsonObject
        {
            ["limit"] = pageSize,
            ["count"] = data.Count,
            ["next_cursor"] = next >= items.Count ? Rest.ClobCursors.End : EncodeCursor(next),
            ["data"] = data,
        });
    }

    private static int DecodeCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return 0;
        try
        {
            string text = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : int.MaxValue;
        }
        catch (FormatException)
        {
            return int.MaxValue;
        }
    }

    private static string EncodeCursor(int offset) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture)));
}
