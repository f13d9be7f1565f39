namespace Bookmaker.Backtest.Sweeps;

/// <summary>
/// One <c>--grid</c> of <c>bookmaker sweep</c>: a configuration key and the values it takes, written
/// <c>Section:Key=v1,v2,…</c> (e.g. <c>MarketMaker:Gamma=5,10,20</c>). Values are kept as written, in order.
/// </summary>
/// <param name="Key">The configuration key, e.g. <c>MarketMaker:Gamma</c>.</param>
/// <param name="Values">Its values, at least one, none empty, no duplicates.</param>
public sealed record GridAxis(string Key, IReadOnlyList<string> Values)
{
    /// <summary>The accepted form, for error text.</summary>
    public const string Syntax = "Section:Key=v1,v2,... (a configuration key, '=', one or more non-empty values separated by ',')";

    /// <summary>Parses one <c>--grid</c> value; on failure <paramref name="error"/> names the value and the rule broken.</summary>
    public static bool TryParse(string? text, out GridAxis? axis, out string? error)
    {
        axis = null;
        error = null;
        string spec = text ?? "";
        int eq = spec.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0) return Fail(out error, $"--grid '{spec}': no '=' (expected {Syntax})");
        string key = spec[..eq].Trim();
        if (key.Length == 0) return Fail(out error, $"--grid '{spec}': the key before '=' is empty (expected {Syntax})");
        string[] values = spec[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries);
        if (values.All(v => v.Length == 0)) return Fail(out error, $"--grid '{spec}': no values after '=' (expected {Syntax})");
        if (values.Any(v => v.Length == 0)) return Fail(out error, $"--grid '{spec}': an empty value (expected {Syntax})");
        if (values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } dup)
            return Fail(out error, $"--grid '{spec}': the value '{dup.Key}' is given twice (each value once)");
        axis = new GridAxis(key, values);
        return true;
    }

    private static bool Fail(out string? error, string message)
    {
        error = message;
        return false;
    }
}
