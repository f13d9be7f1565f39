using System.Globalization;
using System.Text.Json;
using Bookmaker.Core.Values;

namespace Bookmaker.Backtest.Inputs;

/// <summary>
/// The trading rules of an instrument the recording does not state (Binance): tick, size step (lot), minimum size and
/// the fee rates (fractions of notional; a negative maker rate is a rebate). From
/// <c>--instrument SYMBOL:tick=0.1,lot=0.001,min=0.001[,maker=-0.0001,taker=0.0005]</c> or a catalog file; and, for a
/// Polymarket token, the market's liquidity-reward terms (<see cref="RewardTerms"/>). A spec that gives reward terms may
/// leave out tick and lot (the Polymarket recording states them): <see cref="Tick"/> and <see cref="Lot"/> are then null.
/// </summary>
public sealed record InstrumentSpec(string Symbol, Price? Tick, Quantity? Lot, Quantity? MinSize, decimal MakerRate, decimal TakerRate)
{
    private const string Form = "SYMBOL:tick=…,lot=…,min=…[,maker=…,taker=…][,reward_max_spread=…,reward_min_size=…,reward_daily_rate=…]";

    /// <summary>The market's liquidity-reward terms, or null when the spec gives none.</summary>
    public RewardTerms? Rewards { get; init; }

    /// <summary>True when the spec states the trading rules (tick and lot).</summary>
    public bool HasRules => Tick is not null && Lot is not null;

    /// <summary>Parses one <c>--instrument</c> value; the error names the part that is wrong.</summary>
    public static InstrumentSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new FormatException($"'{text}' is not {Form}");
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string part in text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"'{part}' in '{text}' is not key=value");
            string key = part[..eq];
            if (key is not ("tick" or "lot" or "min" or "maker" or "taker") && !RewardTerms.Keys.Contains(key))
                throw new FormatException($"'{key}' in '{text}' is not one of tick, lot, min, maker, taker, {string.Join(", ", RewardTerms.Keys)}");
            fields[key] = part[(eq + 1)..];
        }

        return Create(text[..colon].Trim(), fields, text);
    }

    /// <summary>
    /// Reads a catalog: a JSON object <c>{"SYMBOL": {"tick": "0.1", "lot": "0.001", "min": "0.001", "maker": "0.0002", "taker": "0.0005"}}</c>
    /// (a Polymarket token may give <c>reward_max_spread</c>, <c>reward_min_size</c> and <c>reward_daily_rate</c> instead of,
    /// or beside, its rules).
    /// </summary>
    public static IReadOnlyList<InstrumentSpec> ReadCatalog(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: the catalog must be a JSON object of symbols");
        var specs = new List<InstrumentSpec>();
        foreach (var symbol in doc.RootElement.EnumerateObject())
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var f in symbol.Value.EnumerateObject())
                fields[f.Name] = f.Value.ValueKind == JsonValueKind.String ? f.Value.GetString()! : f.Value.GetRawText();
            specs.Add(Create(symbol.Name, fields, $"{path}: {symbol.Name}"));
        }

        return specs;
    }

    private static InstrumentSpec Create(string symbol, Dictionary<string, string> fields, string where)
    {
        if (symbol.Length == 0) throw new FormatException($"'{where}' names no symbol");
        var rewards = RewardTerms.From(fields, where);
        // Reward terms alone are a whole spec: the Polymarket recording states tick and lot.
        if (rewards is not null && !fields.ContainsKey("tick") && !fields.ContainsKey("lot"))
            return new InstrumentSpec(symbol, null, null, null, Rate(fields, "maker", where), Rate(fields, "taker", where)) { Rewards = rewards };
        Price tick = Price.TryParse(Need(fields, "tick", where), out var t) && t.Raw > 0 ? t : throw new FormatException($"tick in '{where}' must be an exact price > 0");
        Quantity lot = Quantity.TryParse(Need(fields, "lot", where), out var l) && l.Raw > 0 ? l : throw new FormatException($"lot in '{where}' must be an exact size > 0");
        Quantity min = fields.TryGetValue("min", out string? m)
            ? Quantity.TryParse(m, out var q) && q.Raw > 0 ? q : throw new FormatException($"min in '{where}' must be an exact size > 0")
            : lot;
        return new InstrumentSpec(symbol, tick, lot, min, Rate(fields, "maker", where), Rate(fields, "taker", where)) { Rewards = rewards };
    }

    private static string Need(Dictionary<string, string> fields, string key, string where) =>
        fields.TryGetValue(key, out string? v) ? v : throw new FormatException($"'{where}' is missing {key}=…");

    private static decimal Rate(Dictionary<string, string> fields, string key, string where)
    {
        if (!fields.TryGetValue(key, out string? v)) return 0m;
        if (!decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal rate) || rate is <= -0.01m or >= 0.01m)
            throw new FormatException($"{key} in '{where}' must be a fee rate as a fraction of notional in (-0.01, 0.01), e.g. 0.0002");
        if (key == "taker" && rate < 0) throw new FormatException($"taker in '{where}' must be >= 0");
        return rate;
    }
}
