using System.Text.Json;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Bybit.Rest;

/// <summary>
/// Reads one page of <c>GET /v5/market/instruments-info</c> (the whole envelope) into <see cref="BybitInstrumentTerms"/>
/// and the cursor of the next page (linear pages; spot does not). An item whose terms cannot be read exactly is not
/// guessed: it is listed in <see cref="Page.Refused"/> with the reason, so the caller can refuse to trade that symbol.
/// </summary>
public static class InstrumentsInfoReader
{
    /// <summary>One page: the instruments read, the ones refused (symbol → reason), and the next page's cursor (null at the end).</summary>
    public sealed record Page(IReadOnlyList<BybitInstrumentTerms> Instruments, IReadOnlyDictionary<string, string> Refused, string? NextCursor);

    // Far above any traded price: a bound that never binds where the venue states none (spot).
    private static readonly Price NoMaxPrice = Price.Parse("100000000");

    /// <summary>Reads the response body; a non-zero <c>retCode</c> or a body that is not the envelope is a <see cref="FormatException"/>.</summary>
    public static Page Read(ReadOnlySpan<byte> body)
    {
        using var doc = Parse(body);
        var root = doc.RootElement;
        int code = root.TryGetProperty("retCode", out var rc) && rc.TryGetInt32(out int c) ? c : throw new FormatException("instruments-info: no retCode");
        if (code != 0) throw new FormatException($"instruments-info: retCode {code} ({Text(root, "retMsg")})");
        var result = root.GetProperty("result");
        var category = Text(result, "category") switch
        {
            "linear" => BybitCategory.Linear,
            "spot" => BybitCategory.Spot,
            var other => throw new FormatException($"instruments-info: category '{other}' is not linear or spot"),
        };
        var list = new List<BybitInstrumentTerms>();
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in result.GetProperty("list").EnumerateArray())
        {
            string symbol = Text(item, "symbol") ?? "?";
            try
            {
                list.Add(Item(item, symbol, category));
            }
            catch (FormatException ex)
            {
                refused[symbol] = ex.Message;
            }
        }

        string? cursor = Text(result, "nextPageCursor");
        return new Page(list, refused, string.IsNullOrEmpty(cursor) ? null : cursor);
    }

    private static BybitInstrumentTerms Item(JsonElement item, string symbol, BybitCategory category)
    {
        var price = item.GetProperty("priceFilter");
        var lot = item.GetProperty("lotSizeFilter");
        Price tick = PositivePrice(price, "tickSize");
        if (category == BybitCategory.Linear)
        {
            return new BybitInstrumentTerms(symbol, category, Text(item, "status") ?? "", tick,
                PositiveQty(lot, "qtyStep"), PositiveQty(lot, "minOrderQty"), OptionalMoney(lot, "minNotionalValue"),
                OptionalQty(lot, "maxOrderQty"), Quantity.Zero,
                OptionalPrice(price, "minPrice") is { Raw: > 0 } low ? low : tick, OptionalPrice(price, "maxPrice") is { Raw: > 0 } high ? high : NoMaxPrice);
        }

        // Spot has no qtyStep: basePrecision is the step; minOrderQty is deprecated, so the minimum is one step unless
        // the venue still states a larger one; minOrderAmt is the minimum notional.
        Quantity step = PositiveQty(lot, "basePrecision");
        Quantity min = OptionalQty(lot, "minOrderQty") is { Raw: > 0 } m && m > step ? m : step;
        return new BybitInstrumentTerms(symbol, category, Text(item, "status") ?? "", tick, step, min, OptionalMoney(lot, "minOrderAmt"),
            OptionalQty(lot, "maxLimitOrderQty"), OptionalQty(lot, "postOnlyMaxLimitOrderSize"), tick, NoMaxPrice);
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new FormatException("instruments-info: not JSON (" + ex.Message + ")", ex);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Price PositivePrice(JsonElement e, string name) =>
        OptionalPrice(e, name) is { Raw: > 0 } p ? p : throw new FormatException($"{name}: missing or not a positive decimal");

    private static Quantity PositiveQty(JsonElement e, string name) =>
        OptionalQty(e, name) is { Raw: > 0 } q ? q : throw new FormatException($"{name}: missing or not a positive decimal");

    private static Price? OptionalPrice(JsonElement e, string name) =>
        Text(e, name) is { Length: > 0 } t ? (Price.TryParse(System.Text.Encoding.UTF8.GetBytes(t), out var p) ? p : throw new FormatException($"{name}='{t}': not an exact decimal")) : null;

    private static Quantity OptionalQty(JsonElement e, string name) =>
        Text(e, name) is { Length: > 0 } t ? (Quantity.TryParse(System.Text.Encoding.UTF8.GetBytes(t), out var q) ? q : throw new FormatException($"{name}='{t}': not an exact decimal")) : Quantity.Zero;

    private static Money OptionalMoney(JsonElement e, string name) =>
        Text(e, name) is { Length: > 0 } t ? (Money.TryParse(System.Text.Encoding.UTF8.GetBytes(t), out var m) ? m : throw new FormatException($"{name}='{t}': not an exact decimal")) : Money.Zero;
}
