namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Finds <c>BOOKMAKER_</c> variables that no layer reads — <c>BOOKMAKER_Risk__DailyLossLimit</c> with one underscore
/// after the prefix is ignored, so the limit would silently stay at its default — and says what was probably meant.
/// A warning, not an error: the variable may belong to another tool. Values are never shown (they may be secrets).
/// </summary>
internal static class EnvironmentVariableCheck
{
    private const string Family = "BOOKMAKER_";

    /// <summary>One warning line per ignored <c>BOOKMAKER_</c> variable, in name order.</summary>
    public static IEnumerable<string> Warnings(IDictionary<string, string?> environment)
    {
        foreach (string name in environment.Keys.Order(StringComparer.Ordinal))
        {
            if (!name.StartsWith(Family, StringComparison.OrdinalIgnoreCase)) continue;
            if (name.StartsWith(ConfigRequest.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue; // the environment layer
            if (name.Equals(ConfigRequest.ProfilesDirVariable, StringComparison.Ordinal)) continue;
            yield return $"config warning: environment variable {name} is ignored (configuration variables are " +
                $"{ConfigRequest.EnvironmentPrefix}Section__Key, with two underscores); did you mean {ProbablyMeant(name)}?";
        }
    }

    /// <summary>The variable a misspelt name most likely stands for.</summary>
    internal static string ProbablyMeant(string name)
    {
        string rest = name[Family.Length..];
        string squeezed = Squeeze(rest);
        if (squeezed == Squeeze(ConfigRequest.ProfilesDirVariable[Family.Length..])) return ConfigRequest.ProfilesDirVariable;
        var key = ConfigCatalog.Keys.FirstOrDefault(k => Squeeze(k.Key) == squeezed);
        if (key is not null) return ConfigRequest.EnvironmentPrefix + key.Key.Replace(":", "__", StringComparison.Ordinal);
        return ConfigRequest.EnvironmentPrefix + rest.TrimStart('_');
    }

    /// <summary>Letters and digits only, lower case: "Risk__DailyLossLimit", "RISK_DAILY_LOSS_LIMIT" and "Risk:DailyLossLimit" agree.</summary>
    private static string Squeeze(string text) =>
        string.Concat(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant));
}
