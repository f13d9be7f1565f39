namespace Bookmaker.Engine.Configuration;

/// <summary>
/// What the caller (normally the CLI) asks to load: which profile and override file, which environment, and the
/// command-line overrides in the order given. Every input is explicit so tests can load configuration in-process
/// without touching the process environment or current directory.
/// </summary>
public sealed class ConfigRequest
{
    /// <summary>Environment variable prefix of the environment layer; <c>__</c> separates sections.</summary>
    public const string EnvironmentPrefix = "BOOKMAKER__";

    /// <summary>Extra directory searched first for <c>&lt;name&gt;.json</c> profiles.</summary>
    public const string ProfilesDirVariable = "BOOKMAKER_PROFILES_DIR";

    /// <summary>Profile name (<c>profiles/&lt;name&gt;.json</c>) or a path to a <c>.json</c> file; null for none.</summary>
    public string? Profile { get; init; }

    /// <summary>Override file (<c>--config</c>); relative paths resolve against <see cref="WorkingDirectory"/>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Environment variables; null reads the process environment.</summary>
    public IDictionary<string, string?>? Environment { get; init; }

    /// <summary>Command-line overrides, applied in order (later wins), each labelled with its source.</summary>
    public IReadOnlyList<ConfigOverride> Overrides { get; init; } = [];

    /// <summary>Directory that relative paths resolve against; null means the process's current directory.</summary>
    public string? WorkingDirectory { get; init; }
}

/// <summary>One command-line assignment of a key.</summary>
/// <param name="Key">Canonical key, e.g. <c>Paper:Seed</c>.</param>
/// <param name="Value">The value as text.</param>
/// <param name="Source">Source label, <c>cli</c> for <c>--set</c> or <c>cli:--seed</c> for a dedicated flag.</param>
public sealed record ConfigOverride(string Key, string? Value, string Source = "cli")
{
    /// <summary>
    /// Parses a <c>--set Section:Key=value</c> argument. Returns false for text without '=' or with an empty key;
    /// <paramref name="error"/> then describes the problem without echoing the value (it may be a secret).
    /// </summary>
    public static bool TryParseAssignment(string text, out ConfigOverride? assignment, out ConfigError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string key = (eq < 0 ? text : text[..eq]).Trim().Replace("__", ":", StringComparison.Ordinal);
        if (eq <= 0 || key.Length == 0 || key.StartsWith(':') || key.EndsWith(':'))
        {
            assignment = null;
            string shown = eq < 0 ? text : key + "=" + (eq < text.Length - 1 ? ConfigEntry.Redacted : string.Empty);
            error = new ConfigError("--set", shown, "must be Section:Key=value", "cli");
            return false;
        }

        assignment = new ConfigOverride(key, text[(eq + 1)..]);
        error = null;
        return true;
    }
}
