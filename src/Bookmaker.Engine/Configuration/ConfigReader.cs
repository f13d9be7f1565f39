using System.Globalization;
using Bookmaker.Core.Values;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Typed, validating access to an <see cref="EffectiveConfig"/>. Each getter converts one key exactly (money through
/// fixed point, never through double) and records a <see cref="ConfigError"/> naming key, value, rule and source
/// instead of throwing, so start-up reports every problem at once. After a key fails, further rules on it are skipped.
/// </summary>
public sealed class ConfigReader
{
    private readonly EffectiveConfig _config;
    private readonly List<ConfigError> _errors = [];
    private readonly HashSet<string> _failed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads from <paramref name="config"/>.</summary>
    public ConfigReader(EffectiveConfig config) => _config = config ?? throw new ArgumentNullException(nameof(config));

    /// <summary>Problems found so far, in the order met.</summary>
    public IReadOnlyList<ConfigError> Errors => _errors;

    /// <summary>The effective raw text of <paramref name="key"/> (null when unset).</summary>
    public string? Raw(string key) => _config[key];

    /// <summary>A required non-empty string.</summary>
    public string Text(string key)
    {
        string? v = Raw(key);
        if (string.IsNullOrWhiteSpace(v)) return Fail(key, "is required", string.Empty);
        return v.Trim();
    }

    /// <summary>An optional string: null when unset or empty.</summary>
    public string? OptionalString(string key)
    {
        string? v = Raw(key);
        return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
    }

    /// <summary>A whole number.</summary>
    public int WholeNumber(string key) => Parse(key, "must be a whole number", static (string s, out int v) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v), 0);

    /// <summary>A 64-bit whole number.</summary>
    public long LongWholeNumber(string key) => Parse(key, "must be a whole number", static (string s, out long v) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v), 0L);

    /// <summary>A decimal number (invariant culture, '.' separator).</summary>
    public decimal Number(string key) => Parse(key, "must be a decimal number", TryDecimal, 0m);

    /// <summary>true or false.</summary>
    public bool Boolean(string key) => Parse(key, "must be true or false", static (string s, out bool v) => bool.TryParse(s, out v), false);

    /// <summary>An exact amount of money (at most 9 decimals; never rounded).</summary>
    public Money Money(string key) => Parse(key, "must be an exact amount with at most 9 decimals", static (string s, out Money v) =>
    {
        v = default;
        if (!TryExact(s, out long raw)) return false;
        v = new Money(raw);
        return true;
    }, Core.Values.Money.Zero);

    /// <summary>An exact quantity (at most 9 decimals).</summary>
    public Quantity Quantity(string key) => Parse(key, "must be an exact quantity with at most 9 decimals", static (string s, out Quantity v) =>
    {
        v = default;
        if (!TryExact(s, out long raw)) return false;
        v = new Quantity(raw);
        return true;
    }, Core.Values.Quantity.Zero);

    /// <summary>An exact price (at most 9 decimals).</summary>
    public Price Price(string key) => Parse(key, "must be an exact price with at most 9 decimals", static (string s, out Price v) =>
    {
        v = default;
        if (!TryExact(s, out long raw)) return false;
        v = new Price(raw);
        return true;
    }, Core.Values.Price.Zero);

    /// <summary>A duration such as <c>30s</c>, <c>10m</c>, <c>1h</c> or <c>00:30:00</c>.</summary>
    public TimeSpan Duration(string key) => Parse(key, "must be a duration such as 500ms, 30s, 10m, 1h, 1d or hh:mm:ss", DurationParser.TryParse, TimeSpan.Zero);

    /// <summary>A time of day <c>HH:mm</c> or <c>HH:mm:ss</c>.</summary>
    public TimeOnly TimeOfDay(string key) => Parse(key, "must be a time of day HH:mm or HH:mm:ss", static (string s, out TimeOnly v) =>
        TimeOnly.TryParseExact(s, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out v), TimeOnly.MinValue);

    /// <summary>One of the names of <typeparamref name="T"/>, case-insensitive (numbers are not accepted).</summary>
    public T Enum<T>(string key) where T : struct, Enum
    {
        string rule = "must be one of " + string.Join(", ", System.Enum.GetNames<T>().Select(KebabCase));
        return Parse(key, rule, static (string s, out T v) =>
        {
            v = default;
            // Kebab-case names ("polymarket-emulator") map onto PascalCase members.
            string name = s.Replace("-", string.Empty, StringComparison.Ordinal);
            return !name.Any(char.IsAsciiDigit) && System.Enum.TryParse(name, ignoreCase: true, out v) && System.Enum.IsDefined(v);
        }, default);
    }

    private static string KebabCase(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i])) sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }

    /// <summary>A value converted by a custom parser; <paramref name="rule"/> describes the accepted form.</summary>
    public T Custom<T>(string key, TryParser<T> parser, string rule, T fallback) => Parse(key, rule, parser, fallback);

    /// <summary>
    /// Checks a rule on one key's converted value. Skipped when the key already failed to convert.
    /// </summary>
    public void Require(string key, bool ok, string rule)
    {
        if (!ok && !_failed.Contains(key)) Fail<object?>(key, rule, null);
    }

    /// <summary>
    /// Checks a rule relating <paramref name="key"/> to <paramref name="otherKey"/>; the error is reported on
    /// <paramref name="key"/>. Skipped when either key already failed.
    /// </summary>
    public void Relate(string key, string otherKey, bool ok, string rule)
    {
        if (!ok && !_failed.Contains(key) && !_failed.Contains(otherKey)) Fail<object?>(key, rule, null);
    }

    /// <summary>Records an error on <paramref name="key"/> found by the caller (e.g. an unreadable secret file).</summary>
    public void Report(string key, string rule) => Fail<object?>(key, rule, null);

    /// <summary>Converts text to a value.</summary>
    public delegate bool TryParser<T>(string text, out T value);

    private T Parse<T>(string key, string rule, TryParser<T> parser, T fallback)
    {
        string? v = Raw(key);
        if (v is null || string.IsNullOrWhiteSpace(v)) return Fail(key, "is required; " + rule, fallback);
        return parser(v.Trim(), out T value) ? value : Fail(key, rule, fallback);
    }

    private T Fail<T>(string key, string rule, T fallback)
    {
        if (!_failed.Add(key)) return fallback;
        var entry = _config.Find(key);
        string name = entry?.Key ?? ConfigCatalog.Find(key)?.Key ?? key;
        _errors.Add(new ConfigError(name, ConfigEntry.Display(name, entry?.Value), rule, entry?.Source ?? "default"));
        return fallback;
    }

    private static bool TryDecimal(string s, out decimal value) =>
        decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);

    /// <summary>Exact fixed-point parse; accepts JSON-style exponents only when the result is still exact.</summary>
    private static bool TryExact(string s, out long raw)
    {
        if (FixedPoint.TryParse(s.AsSpan(), out raw, out _)) return true;
        raw = 0;
        if (!TryDecimal(s, out decimal d)) return false;
        try
        {
            decimal scaled = d * FixedPoint.Scale;
            if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue) return false;
            raw = decimal.ToInt64(scaled);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
