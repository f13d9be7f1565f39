using System.Globalization;
using System.Text.Json.Nodes;

namespace Bookmaker.Reports.Tests;

/// <summary>Resolves the report's data-key paths (<c>a.b[2].c</c>) in a JSON document; a missing step throws.</summary>
public static class JsonPath
{
    public static JsonNode? Resolve(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (string part in path.Split('.'))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            string name = bracket < 0 ? part : part[..bracket];
            var obj = node as JsonObject ?? throw new KeyNotFoundException($"{path}: '{name}' is not inside an object");
            if (!obj.TryGetPropertyValue(name, out node)) throw new KeyNotFoundException($"{path}: no '{name}'");
            if (bracket >= 0)
            {
                int index = int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture);
                node = (node as JsonArray ?? throw new KeyNotFoundException($"{path}: '{name}' is not an array"))[index];
            }
        }

        return node;
    }
}
