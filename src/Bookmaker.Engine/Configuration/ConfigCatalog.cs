namespace Bookmaker.Engine.Configuration;

/// <summary>
/// The registry of every configuration key Bookmaker understands. A key that is not declared here is rejected at
/// start-up ("unknown key"), so a typo such as <c>Risk:DailyLosLimit</c> cannot silently leave a limit at its default.
/// Later features add their keys to their options class's <c>Keys</c> list.
/// </summary>
public static class ConfigCatalog
{
    /// <summary>Suffix of the companion key that names a file holding a secret's value.</summary>
    public const string SecretFileSuffix = "File";

    private static readonly ConfigKeyInfo[] AllKeys = Build();

    private static readonly Dictionary<string, ConfigKeyInfo> ByKey =
        AllKeys.ToDictionary(k => k.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every declared key, grouped by section in declaration order.</summary>
    public static IReadOnlyList<ConfigKeyInfo> Keys => AllKeys;

    /// <summary>
    /// The declaration for <paramref name="key"/> (case-insensitive), or null if unknown. A per-instrument override
    /// (<c>MarketMaker:Markets:&lt;symbol&gt;:&lt;key&gt;</c>) is known under its own name, without a default.
    /// </summary>
    public static ConfigKeyInfo? Find(string key)
    {
        if (ByKey.TryGetValue(key, out var info)) return info;
        if (AlertSinkOptions.IsSinkKey(key, out var sink)) return sink;
        if (BacktestOptions.IsRewardKey(key, out var reward)) return reward;
        return MarketMakerOptions.IsMarketOverride(key, out string rule)
            ? new ConfigKeyInfo(key, null, "optional; " + rule, "Per-instrument override of the MarketMaker key of that name.")
            : null;
    }

    /// <summary>True when <paramref name="key"/> is declared in the catalog itself (not a per-instrument override).</summary>
    public static bool IsDeclared(string key) => ByKey.ContainsKey(key);

    /// <summary>
    /// True when the value of <paramref name="key"/> must never be shown. Unknown keys whose name looks like a
    /// credential are treated as secret too, so a misspelt secret is not printed while being reported.
    /// </summary>
    public static bool IsSecret(string key)
    {
        if (ByKey.TryGetValue(key, out var info)) return info.IsSecret;
        if (AlertSinkOptions.IsSinkKey(key, out var sink)) return sink!.IsSecret;
        string last = key[(key.LastIndexOf(':') + 1)..];
        if (last.EndsWith(SecretFileSuffix, StringComparison.OrdinalIgnoreCase)) return false;
        return last.Contains("secret", StringComparison.OrdinalIgnoreCase)
            || last.Contains("private", StringComparison.OrdinalIgnoreCase)
            || last.Contains("passphrase", StringComparison.OrdinalIgnoreCase)
            || last.Contains("password", StringComparison.OrdinalIgnoreCase)
            || last.Contains("token", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The built-in defaults layer: every key with a default.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Defaults() =>
        AllKeys.Select(k => new KeyValuePair<string, string?>(k.Key, k.Default));

    private static ConfigKeyInfo[] Build()
    {
        var declared = RiskOptions.Keys
            .Concat(PaperOptions.Keys)
            .Concat(LiveOptions.Keys)
            .Concat(VenueOptions.Keys)
            .Concat(BybitOptions.Keys)
            .Concat(MarketMakerOptions.Keys)
            .Concat(AlertOptions.Keys)
            .Concat(ArbitrageOptions.Keys)
            .Concat(EngineOptions.Keys)
            .Concat(JournalOptions.Keys)
            .Concat(HttpOptions.Keys);
        var all = new List<ConfigKeyInfo>();
        foreach (var key in declared)
        {
            all.Add(key);
            if (key.IsSecret)
            {
                all.Add(new ConfigKeyInfo(
                    key.Key + SecretFileSuffix,
                    null,
                    "a readable file (a warning when its group or others may read or change it: chmod 600); its trimmed content becomes " + key.Key,
                    "File holding " + key.Key + " (keeps the secret out of environment listings and shell history)."));
            }
        }

        return [.. all];
    }
}
