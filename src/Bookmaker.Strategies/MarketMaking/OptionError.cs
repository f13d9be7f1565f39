using System.Globalization;

namespace Bookmaker.Strategies.MarketMaking;

/// <summary>
/// One broken rule in an options record: the key (as written in config), the offending value and the rule it broke.
/// The host prints these and exits with code 2; nothing here throws for bad config.
/// </summary>
/// <param name="Key">Config key, e.g. <c>mm.avellanedaStoikov.gamma</c>.</param>
/// <param name="Value">The value as text.</param>
/// <param name="Rule">The rule, e.g. <c>must be &gt; 0</c>.</param>
public sealed record OptionError(string Key, string Value, string Rule)
{
    /// <inheritdoc />
    public override string ToString() => $"{Key} = {Value}: {Rule}";

    internal static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds an error when <paramref name="ok"/> is false.</summary>
    internal static void Check(List<OptionError> errors, bool ok, string key, string value, string rule)
    {
        if (!ok) errors.Add(new OptionError(key, value, rule));
    }

    /// <summary>Adds an error unless <paramref name="value"/> is finite and strictly positive.</summary>
    internal static void Positive(List<OptionError> errors, string key, double value) =>
        Check(errors, double.IsFinite(value) && value > 0, key, Text(value), "must be a finite number > 0");

    /// <summary>Adds an error unless <paramref name="value"/> is finite and ≥ 0.</summary>
    internal static void NonNegative(List<OptionError> errors, string key, double value) =>
        Check(errors, double.IsFinite(value) && value >= 0, key, Text(value), "must be a finite number >= 0");
}
