namespace Bookmaker.Engine.Configuration;

/// <summary>One effective key: its value after all layers, and the layer that supplied it.</summary>
/// <param name="Key">Canonical key.</param>
/// <param name="Value">Effective value (clear text, also for secrets — use <see cref="DisplayValue"/> to print).</param>
/// <param name="Source">Winning layer, e.g. <c>default</c>, <c>profile:paper (profiles/paper.json)</c>,
/// <c>file:/etc/bookmaker.json</c>, <c>env:BOOKMAKER__Risk__DailyLossLimit</c>, <c>cli</c>.</param>
/// <param name="IsSecret">Secret keys display as <c>***</c>.</param>
/// <param name="IsKnown">False for a key absent from <see cref="ConfigCatalog"/>.</param>
public sealed record ConfigEntry(string Key, string? Value, string Source, bool IsSecret, bool IsKnown)
{
    /// <summary>Redaction mark printed in place of a secret value.</summary>
    public const string Redacted = "***";

    /// <summary>The value safe to print: <c>***</c> for a set secret, empty for an unset key.</summary>
    public string DisplayValue => IsSecret && !string.IsNullOrEmpty(Value) ? Redacted : Value ?? string.Empty;

    /// <summary>Redacts any value of <paramref name="key"/> if it is a secret key.</summary>
    public static string Display(string key, string? value) =>
        ConfigCatalog.IsSecret(key) && !string.IsNullOrEmpty(value) ? Redacted : value ?? string.Empty;
}
