using System.Text;
using System.Text.Json;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Finds keys a JSON layer sets twice. Configuration keys are flattened (<c>Risk:DailyLossLimit</c>) and compared
/// case-insensitively, so <c>"DailyLossLimit"</c> twice in one object, or <c>"dailylosslimit"</c> in a second
/// <c>"risk"</c> object, are the same key: the file would say two things and only one would count.
/// </summary>
internal static class JsonDuplicateKeys
{
    /// <summary>A key given again: its flattened name, the later value (the one that would count) and the line of the repeat.</summary>
    public sealed record Duplicate(string Key, string? Value, int Line);

    /// <summary>Every repeated key of <paramref name="json"/> (already known to be valid JSON), in file order.</summary>
    public static List<Duplicate> Find(byte[] json)
    {
        var found = new List<Duplicate>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (reader.Read()) Walk(ref reader, string.Empty, 0, json, seen, found);
        return found;
    }

    private static void Walk(ref Utf8JsonReader reader, string path, int line, byte[] json, HashSet<string> seen, List<Duplicate> found)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = reader.GetString()!;
                    int at = LineOf(json, reader.TokenStartIndex);
                    reader.Read();
                    Walk(ref reader, path.Length == 0 ? name : path + ":" + name, at, json, seen, found);
                }

                break;
            case JsonTokenType.StartArray:
                for (int i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                    Walk(ref reader, path + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), LineOf(json, reader.TokenStartIndex), json, seen, found);
                break;
            default:
                string? value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => Encoding.UTF8.GetString(reader.ValueSpan),
                };
                if (path.Length > 0 && !seen.Add(path)) found.Add(new Duplicate(path, value, line));
                break;
        }
    }

    private static int LineOf(byte[] json, long index)
    {
        int line = 1;
        for (long i = 0; i < index && i < json.Length; i++)
        {
            if (json[i] == (byte)'\n') line++;
        }

        return line;
    }
}
