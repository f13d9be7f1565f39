using System.Globalization;
using System.Text.Json;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Rest;
using Microsoft.AspNetCore.Http;
using static Bookmaker.Venues.Bybit.Emulator.Trading.PrivateRoutes;

namespace Bookmaker.Venues.Bybit.Emulator.Trading;

/// <summary>
/// The account's reads (open orders, executions, positions, wallet, fee rates, DCP state) and the DCP setting, in
/// the venue's shapes, called under the venue's lock. Lists page with a numeric cursor (an offset).
/// </summary>
internal static class AccountEndpoints
{
    public static Reply Realtime(TradingVenue venue, IQueryCollection q)
    {
        string? symbol = q["symbol"], orderId = q["orderId"], link = q["orderLinkId"];
        bool byId = !string.IsNullOrEmpty(orderId) || !string.IsNullOrEmpty(link);
        bool closedToo = q["openOnly"] == "1";
        var cat = q["category"] == "spot" ? BybitCategory.Spot : BybitCategory.Linear;
        // Newest first, as the venue sorts; an id query finds the order whatever its state (recent closed orders included).
        var items = venue.Desk.Orders.Where(o => o.Symbol.Category == cat && (string.IsNullOrEmpty(symbol) || o.Symbol.Symbol == symbol)
            && (byId ? (o.OrderId == orderId || (!string.IsNullOrEmpty(link) && o.OrderLinkId == link)) : o.IsOpen || closedToo)).Reverse().ToList();
        return Page(q, 50, items, (w, o) => o.Write(w), cat);
    }

    public static Reply Executions(TradingVenue venue, IQueryCollection q)
    {
        var cat = q["category"] == "spot" ? BybitCategory.Spot : BybitCategory.Linear;
        string? symbol = q["symbol"];
        long start = long.TryParse(q["startTime"], NumberStyles.None, CultureInfo.InvariantCulture, out long s) ? s : 0;
        var items = venue.Desk.Executions.Where(e => e.Order.Symbol.Category == cat && (string.IsNullOrEmpty(symbol) || e.Order.Symbol.Symbol == symbol) && e.ExecTimeMs >= start)
            .Reverse().ToList();
        return Page(q, 100, items, (w, e) => e.Write(w), cat);
    }

    public static Reply Positions(TradingVenue venue, IQueryCollection q)
    {
        if (q["category"] != "linear") return new Reply(10001, "params error: category invalid");
        string? symbol = q["symbol"];
        if (string.IsNullOrEmpty(symbol) && string.IsNullOrEmpty(q["settleCoin"])) return new Reply(10001, "params error: symbol or settleCoin is required");
        var symbols = venue.Options.Symbols.Where(s => s.Category == BybitCategory.Linear && (string.IsNullOrEmpty(symbol) || s.Symbol == symbol)).ToList();
        return Page(q, 200, symbols, (w, s) =>
        {
            var size = venue.Desk.Position(s.Symbol);
            w.WriteStartObject();
            w.WriteNumber("positionIdx", 0);
            w.WriteString("symbol", s.Symbol);
            w.WriteString("side", size.Raw > 0 ? "Buy" : size.Raw < 0 ? "Sell" : "");
            w.WriteString("size", (size.Raw < 0 ? -size : size).ToString());
            var (mark, liquidation) = venue.Desk.PositionRisk(s);
            w.WriteString("markPrice", mark.ToString());
            w.WriteString("liqPrice", liquidation.Raw > 0 ? liquidation.ToString() : "");
            w.WriteString("updatedTime", venue.ServerNowMs().ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }, BybitCategory.Linear);
    }

    public static Reply Wallet(TradingVenue venue, IQueryCollection q)
    {
        if (q["accountType"] != "UNIFIED") return new Reply(10001, "params error: accountType only support UNIFIED");
        var account = venue.Desk.Account;
        return new Reply(0, "OK", w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("list");
            w.WriteStartObject();
            w.WriteString("accountType", "UNIFIED");
            w.WriteString("totalEquity", account.Cash.ToString());
            w.WriteString("totalWalletBalance", account.Cash.ToString());
            w.WriteString("totalAvailableBalance", account.AvailableCash.ToString());
            venue.Desk.WriteCoins(w);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static Reply FeeRate(TradingVenue venue, IQueryCollection q)
    {
        string? symbol = q["symbol"];
        var symbols = venue.Options.Symbols.Where(s => string.IsNullOrEmpty(symbol) || s.Symbol == symbol).ToList();
        return new Reply(0, "OK", w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("list");
            foreach (var s in symbols)
            {
                w.WriteStartObject();
                w.WriteString("symbol", s.Symbol);
                w.WriteString("takerFeeRate", venue.Options.TakerFeeRate.ToString(CultureInfo.InvariantCulture));
                w.WriteString("makerFeeRate", venue.Options.MakerFeeRate.ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static Reply SetDcp(TradingVenue venue, JsonElement b)
    {
        if (!venue.Options.DcpAvailable) return new Reply(10005, "Permission denied: DCP is not enabled for this account");
        string product = Str(b, "product") ?? "OPTIONS"; // the venue's default, which is why callers always send it
        if (product is not ("SPOT" or "DERIVATIVES" or "OPTIONS")) return new Reply(10001, "params error: product invalid");
        if (!int.TryParse(Str(b, "timeWindow"), NumberStyles.None, CultureInfo.InvariantCulture, out int window) || window is < 3 or > 300)
            return new Reply(10001, "params error: timeWindow must be 3..300");
        venue.SetDcp(product, window);
        return new Reply(0, "success");
    }

    public static Reply DcpInfo(TradingVenue venue) => new(0, "success", w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("dcpInfos");
        foreach (var (product, window) in venue.DcpWindows)
        {
            w.WriteStartObject();
            w.WriteString("product", product);
            w.WriteString("dcpStatus", "ON");
            w.WriteString("timeWindow", window.ToString(CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static Reply Page<T>(IQueryCollection q, int max, List<T> items, Action<Utf8JsonWriter, T> write, BybitCategory category)
    {
        int limit = int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out int l) ? Math.Clamp(l, 1, max) : Math.Min(20, max);
        int from = int.TryParse(q["cursor"], NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : 0;
        var page = items.Skip(from).Take(limit).ToList();
        string next = from + page.Count < items.Count ? (from + page.Count).ToString(CultureInfo.InvariantCulture) : "";
        return new Reply(0, "OK", w =>
        {
            w.WriteStartObject();
            w.WriteString("category", category == BybitCategory.Spot ? "spot" : "linear");
            w.WriteStartArray("list");
            foreach (var item in page) write(w, item);
            w.WriteEndArray();
            w.WriteString("nextPageCursor", next);
            w.WriteEndObject();
        });
    }
}
