using System.Text.Json;
using Bookmaker.Venues.Bybit.Rest;
using static Bookmaker.Venues.Bybit.Emulator.Trading.PrivateRoutes;

namespace Bookmaker.Venues.Bybit.Emulator.Trading;

/// <summary>
/// The order operations, shared by REST and the trade WebSocket (called under the venue's lock): create, amend,
/// cancel, cancel-all and the three batches (20 items for linear, 10 for spot; each item answered on its own in
/// <c>retExtInfo.list</c>, aligned with <c>result.list</c>; items beyond the rate budget fail with 10006).
/// </summary>
internal static class OrderEndpoints
{
    public static Reply Create(TradingVenue venue, JsonElement b) => Single(venue, b, (c, item) => CreateItem(venue, c, item));

    public static Reply Amend(TradingVenue venue, JsonElement b) => Single(venue, b, (c, item) =>
        venue.Desk.Amend(c, Str(item, "symbol") ?? "", Str(item, "orderId"), Str(item, "orderLinkId"), Str(item, "qty"), Str(item, "price")));

    public static Reply Cancel(TradingVenue venue, JsonElement b) => Single(venue, b, (c, item) =>
        venue.Desk.Cancel(c, Str(item, "symbol") ?? "", Str(item, "orderId"), Str(item, "orderLinkId")));

    public static Reply CancelAll(TradingVenue venue, JsonElement b)
    {
        if (Category(b) is not { } category) return new Reply(10001, "params error: category invalid");
        string? symbol = Str(b, "symbol");
        if (category == BybitCategory.Linear && string.IsNullOrEmpty(symbol) && string.IsNullOrEmpty(Str(b, "settleCoin")) && string.IsNullOrEmpty(Str(b, "baseCoin")))
            return new Reply(10001, "params error: symbol, baseCoin or settleCoin is required");
        var cancelled = venue.Desk.CancelAll(category, symbol);
        return new Reply(0, "OK", w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("list");
            foreach (var o in cancelled) Ids(w, o);
            w.WriteEndArray();
            w.WriteString("success", "1");
            w.WriteEndObject();
        });
    }

    /// <summary>A batch; <paramref name="granted"/> items fit the rate budget, the rest fail with 10006.</summary>
    public static Reply Batch(TradingVenue venue, string op, JsonElement b, int granted)
    {
        if (Category(b) is not { } category) return new Reply(10001, "params error: category invalid");
        if (!b.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Array || request.GetArrayLength() == 0)
            return new Reply(10001, "params error: request is empty");
        int cap = category == BybitCategory.Spot ? 10 : 20;
        if (request.GetArrayLength() > cap) return new Reply(10001, $"params error: batch orders quantity exceeds the limit of {cap}");
        var answers = new List<(DeskAnswer Answer, JsonElement Item)>();
        int i = 0;
        foreach (var item in request.EnumerateArray())
        {
            venue.OrderRequests++;
            DeskAnswer a = i++ >= granted ? DeskAnswer.Fail(10006, "Too many visits. Exceeded the API Rate Limit.") : op switch
            {
                "create" => CreateItem(venue, category, item),
                "amend" => venue.Desk.Amend(category, Str(item, "symbol") ?? "", Str(item, "orderId"), Str(item, "orderLinkId"), Str(item, "qty"), Str(item, "price")),
                _ => venue.Desk.Cancel(category, Str(item, "symbol") ?? "", Str(item, "orderId"), Str(item, "orderLinkId")),
            };
            answers.Add((a, item));
        }

        string cat = category == BybitCategory.Spot ? "spot" : "linear";
        return new Reply(0, "OK", w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("list");
            foreach (var (a, item) in answers)
            {
                w.WriteStartObject();
                w.WriteString("category", cat);
                w.WriteString("symbol", Str(item, "symbol") ?? "");
                w.WriteString("orderId", a.Order?.OrderId ?? "");
                w.WriteString("orderLinkId", a.Order?.OrderLinkId ?? Str(item, "orderLinkId") ?? "");
                if (op == "create") w.WriteString("createAt", a.Order?.CreatedMs.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("list");
            foreach (var (a, _) in answers)
            {
                w.WriteStartObject();
                w.WriteNumber("code", a.Code);
                w.WriteString("msg", a.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static BybitCategory? Category(JsonElement b) => Str(b, "category") switch { "linear" => BybitCategory.Linear, "spot" => BybitCategory.Spot, _ => null };

    private static DeskAnswer CreateItem(TradingVenue venue, BybitCategory category, JsonElement item) =>
        venue.Desk.Create(category, new OrderFields(Str(item, "symbol") ?? "", Str(item, "side") ?? "", Str(item, "orderType") ?? "", Str(item, "qty") ?? "",
            Str(item, "price"), Str(item, "timeInForce"), Str(item, "orderLinkId"), Str(item, "reduceOnly") == "true"));

    private static Reply Single(TradingVenue venue, JsonElement b, Func<BybitCategory, JsonElement, DeskAnswer> act)
    {
        venue.OrderRequests++;
        if (Category(b) is not { } category) return new Reply(10001, "params error: category invalid");
        var a = act(category, b);
        return a.Code != 0 ? new Reply(a.Code, a.Message) : new Reply(0, "OK", w => Ids(w, a.Order!));
    }

    private static void Ids(Utf8JsonWriter w, EmulatedOrder o)
    {
        w.WriteStartObject();
        w.WriteString("orderId", o.OrderId);
        w.WriteString("orderLinkId", o.OrderLinkId);
        w.WriteEndObject();
    }
}
