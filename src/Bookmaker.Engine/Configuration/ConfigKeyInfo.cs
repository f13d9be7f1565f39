namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Declaration of one configuration key: its canonical spelling, built-in default, the rule its value must meet
/// (in words, for documentation and <c>config show</c>), and whether it is a secret.
/// </summary>
/// <param name="Key">Canonical key with ':' separators, e.g. <c>Risk:DailyLossLimit</c>.</param>
/// <param name="Default">Built-in default as text, or null when the key has none (unset).</param>
/// <param name="Rule">Human-readable validation rule.</param>
/// <param name="Description">What the key controls.</param>
public sealed record ConfigKeyInfo(string Key, string? Default, string Rule, string Description)
{
    /// <summary>
    /// Secret keys print as <c>***</c> in <c>config show</c> and errors, and may be read from a file named by the
    /// companion key <c>&lt;Key&gt;File</c>.
    /// </summary>
    public bool IsSecret { get; init; }

    /// <summary>Declares a secret key (no default; companion <c>&lt;Key&gt;File</c> is added by the catalog).</summary>
    public static ConfigKeyInfo Secret(string key, string rule, string description) =>
        new(key, null, rule, description) { IsSecret = true };
}
