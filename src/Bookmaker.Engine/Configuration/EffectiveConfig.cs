namespace Bookmaker.Engine.Configuration;

/// <summary>
/// The merged configuration with provenance: every catalog key (and every unknown key some layer set), its
/// effective value and the layer that won. This is what <c>bookmaker config show</c> prints.
/// </summary>
public sealed class EffectiveConfig
{
    private readonly Dictionary<string, ConfigEntry> _byKey;

    /// <summary>Creates the view over <paramref name="entries"/> (in display order).</summary>
    public EffectiveConfig(IEnumerable<ConfigEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        _byKey = new Dictionary<string, ConfigEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in Entries) _byKey[e.Key] = e;
    }

    /// <summary>Entries in catalog order, unknown keys last (alphabetically).</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; }

    /// <summary>The entry for <paramref name="key"/> (case-insensitive), or null.</summary>
    public ConfigEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The effective value of <paramref name="key"/>, or null when unset.</summary>
    public string? this[string key] => Find(key)?.Value;
}
