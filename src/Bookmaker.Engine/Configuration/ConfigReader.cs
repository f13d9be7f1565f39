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
    private const string OutOfRange = "is out of range: ";
    private static readonly TypeRange FixedPointRange = new(long.MaxValue / (double)FixedPoint.Scale,
        FixedPoint.Format(long.MinValue), FixedPoint.Format(long.MaxValue));

    private static readonly TypeRange IntRange = new(int.MaxValue, "-2147483648", "2147483647");

    private static readonly TypeRange LongRange = new(long.MaxValue, "-9223372036854775808", "9223372036854775807");
    private readonly EffectiveConfig _config;
    private readonly string _baseDirectory;
    private readonly List<ConfigError> _errors = [];
    private readonly HashSet<string> _failed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads from <paramref name="config"/>; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public ConfigReader(EffectiveConfig config, string? baseDirectory = null)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _baseDirectory = baseDirectory ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Problems found so far, in the order met.</summary>
    public IReadOnlyList<ConfigError> Errors => _errors;

    /// <summary>The effective raw text of <paramref name="key"/> (null when unset).</summary>
    public string? Raw(string key) => _config[key];

    /// <summary>True when a layer above the built-in defaults gives <paramref name="key"/> a non-empty value.</summary>
    public bool IsSet(string key) =>
        _config.Find(key) is { } e && !string.IsNullOrWhiteSpace(e.Value) && !string.Equals(e.Source, "default", StringComparison.Ordinal);

    /// <summary>Every key of the effective configuration that starts with <paramref name="prefix"/> (case-insensitive).</summary>
    public IEnumerable<string> KeysUnder(string prefix) =>
        _config.Entries.Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(e => e.Key);

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

    /// <summary>The absolute path of <paramref name="path"/>, resolved against the working directory of the load.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(_baseDirectory, path));

    /// <summary>A whole number, at most <paramref name="max"/> when given (beyond it: "is out of range").</summary>
    public int WholeNumber(string key, int? max = null)
    {
        int v = Parse(key, "must be a whole number", static (string s, out int v) =>
            int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v), 0, IntRange, Format(max));
        if (max is { } m) AtMost(key, v <= m, m.ToString(CultureInfo.InvariantCulture));
        return v;
    }

    /// <summary>A 64-bit whole number.</summary>
    public long LongWholeNumber(string key) => Parse(key, "must be a whole number", static (string s, out long v) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v), 0L, LongRange, null);

    /// <summary>A decimal number (invariant culture, '.' separator).</summary>
    public decimal Number(string key) => Parse(key, "must be a decimal number", TryDecimal, 0m);

    /// <summary>true or false.</summary>
    public bool Boolean(string key) => Parse(key, "must be true or false", static (string s, out bool v) => bool.TryParse(s, out v), false);

    /// <summary>An exact amount of money (at most 9 decimals; never rounded), at most <paramref name="max"/> when given.</summary>
    public Money Money(string key, Money? max = null)
    {
        var v = Parse(key, "must be an exact amount with at most 9 decimals", static (string s, out Money v) =>
        {
            v = default;
            if (!TryExact(s, out long raw)) return false;
            v = new Money(raw);
            return true;
        }, Core.Values.Money.Zero, FixedPointRange, max?.ToString());
        if (max is { } m) AtMost(key, v <= m, m.ToString());
        return v;
    }

    /// <summary>An exact quantity (at most 9 decimals), at most <paramref name="max"/> when given.</summary>
    public Quantity Quantity(string key, Quantity? max = null)
    {
        var v = Parse(key, "must be an exact quantity with at most 9 decimals", static (string s, out Quantity v) =>
        {
            v = default;
            if (!TryExact(s, out long raw)) return false;
            v = new Quantity(raw);
            return true;
        }, Core.Values.Quantity.Zero, FixedPointRange, max?.ToString());
        if (max is { } m) AtMost(key, v <= m, m.ToString());
        return v;
    }

    /// <summary>An exact price (at most 9 decimals).</summary>
    public Price Price(string key) => Parse(key, "must be an exact price with at most 9 decimals", static (string s, out Price v) =>
    {
        v = default;
        if (!TryExact(s, out long raw)) return false;
        v = new Price(raw);
        return true;
    }, Core.Values.Price.Zero, FixedPointRange, null);

    /// <summary>A duration such as <c>30s</c>, <c>10m</c>, <c>1h</c> or <c>00:30:00</c>, at most <paramref name="max"/> when given.</summary>
    public TimeSpan Duration(string key, TimeSpan? max = null)
    {
        var v = Parse(key, "must be a duration such as 500ms, 30s, 10m, 1h, 1d or hh:mm:ss", DurationParser.TryParse, TimeSpan.Zero);
        if (max is { } m) AtMost(key, v <= m, DurationParser.Format(m));
        return v;
    }

    /// <summary>A time of day <c>HH:mm</c> or <c>HH:mm:ss</c>.</summary>
    public TimeOnly TimeOfDay(string key) => Parse(key, "must be a time of day HH:mm or HH:mm:ss", static (string s, out TimeOnly v) =>
        TimeOnly.TryParseExact(s, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out v), TimeOnly.MinValue);

    /// <summary>
    /// One of the names of <typeparamref name="T"/>, case-insensitive (numbers are not accepted). Members in
    /// <paramref name="unavailable"/> still parse (so the caller can say why they cannot be used) but are not offered
    /// in the rule.
    /// </summary>
    public T Enum<T>(string key, IReadOnlyCollection<T>? unavailable = null) where T : struct, Enum
    {
        var offered = System.Enum.GetValues<T>().Where(v => unavailable is null || !unavailable.Contains(v));
        string rule = "must be one of " + string.Join(", ", offered.Select(v => KebabCase(v.ToString())));
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

    private T Parse<T>(string key, string rule, TryParser<T> parser, T fallback) => Parse(key, rule, parser, fallback, null, null);

    /// <summary>
    /// Converts with <paramref name="parser"/>; a well-formed number it refuses because it lies outside the type's
    /// <paramref name="range"/> is reported as out of range (with the key's own maximum when it has one), not as
    /// malformed.
    /// </summary>
    private T Parse<T>(string key, string rule, TryParser<T> parser, T fallback, TypeRange? range, string? max)
    {
        string? v = Raw(key);
        if (v is null || string.IsNullOrWhiteSpace(v)) return Fail(key, "is required; " + rule, fallback);
        string text = v.Trim();
        if (parser(text, out T value)) return value;
        if (range is { } r && IsNumberBeyond(text, r.Magnitude, out bool negative))
            return Fail(key, OutOfRange + (negative ? "must be at least " + r.Min : "must be at most " + (max ?? r.Max)), fallback);

        return Fail(key, rule, fallback);
    }

    private void AtMost(string key, bool ok, string max) => Require(key, ok, OutOfRange + "must be at most " + max);

    private static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="text"/> is a plain decimal number whose magnitude exceeds <paramref name="limit"/>.</summary>
    private static bool IsNumberBeyond(string text, double limit, out bool negative)
    {
        negative = text.StartsWith('-');
        if (!NumberText.IsMatch(text)) return false;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && Math.Abs(d) > limit;
    }

    /// <summary>What a value type can hold: its largest magnitude, and its bounds as text for the error.</summary>
    private sealed record TypeRange(double Magnitude, string Min, string Max);

    private static readonly System.Text.RegularExpressions.Regex NumberText =
        new(@"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

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
