using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The Gamma-like discovery API under <c>/gamma</c>: markets (filtered by condition ids, token ids or slug) and events
/// (markets grouped by event id), camelCase, <c>clobTokenIds</c> JSON-encoded, offset/limit paging.
/// </summary>
internal sealed class GammaCatalogue(MatchingEngine engine, EmulatedMarkets markets)
{
    /// <summary>GET /gamma/markets.</summary>
    public EmuResponse Markets(Func<string, IReadOnlyList<string>> query)
    {
        IEnumerable<MarketState> list = markets.All;
        var conditions = query("condition_ids");
        var tokens = query("clob_token_ids");
        var slugs = query("slug");
        if (conditions.Count > 0) list = list.Where(m => conditions.Contains(m.ConditionId, StringComparer.OrdinalIgnoreCase));
        if (tokens.Count > 0) list = list.Where(m => tokens.Contains(m.Definition.YesTokenId) || tokens.Contains(m.Definition.NoTokenId));
        if (slugs.Count > 0) list = list.Where(m => slugs.Contains(m.Definition.Slug));
        return EmuResponse.Json(Slice(list.Select(MarketJson), query));
    }

    /// <summary>GET /gamma/markets/{id} (Gamma id or condition id).</summary>
    public EmuResponse Market(string id)
    {
        MarketState? m = markets.All.FirstOrDefault(x => GammaId(x) == id || string.Equals(x.ConditionId, id, StringComparison.OrdinalIgnoreCase));
        return m is null ? EmuResponse.Error(404, "not found") : EmuResponse.Json(MarketJson(m));
    }

    /// <summary>GET /gamma/events, or one event when <paramref name="onlyId"/> is given.</summary>
    public EmuResponse Events(Func<string, IReadOnlyList<string>> query, string? onlyId)
    {
        var events = markets.All.GroupBy(m => m.Definition.EventId ?? GammaId(m)).Select(g =>
        {
            var list = new JsonArray();
            foreach (MarketState m in g) list.Add(MarketJson(m));
            bool negRisk = g.Any(m => m.Definition.NegRisk);
            return new JsonObject
            {
                ["id"] = g.Key, ["ticker"] = "event-" + g.Key, ["slug"] = "event-" + g.Key, ["title"] = g.First().Definition.Question,
                ["active"] = true, ["closed"] = false, ["archived"] = false, ["enableOrderBook"] = true,
                ["negRisk"] = negRisk, ["enableNegRisk"] = negRisk, ["negRiskAugmented"] = false,
                ["negRiskMarketID"] = negRisk ? g.Key : null, ["endDate"] = "2099-01-01T00:00:00Z", ["markets"] = list,
            };
        });
        if (onlyId is not null)
        {
            JsonObject? one = events.FirstOrDefault(e => (string?)e["id"] == onlyId);
            return one is null ? EmuResponse.Error(404, "not found") : EmuResponse.Json(one);
        }

        return EmuResponse.Json(Slice(events, query));
    }

    private static JsonArray Slice(IEnumerable<JsonObject> items, Func<string, IReadOnlyList<string>> query)
    {
        var offsets = query("offset");
        var limits = query("limit");
        int offset = offsets.Count > 0 && int.TryParse(offsets[0], NumberStyles.None, CultureInfo.InvariantCulture, out int o) ? o : 0;
        int limit = limits.Count > 0 && int.TryParse(limits[0], NumberStyles.None, CultureInfo.InvariantCulture, out int l) ? l : 100;
        var array = new JsonArray();
        foreach (JsonObject item in items.Skip(offset).Take(limit)) array.Add(item);
        return array;
    }

    private static string GammaId(MarketState m) => (m.EngineMarket + 1).ToString(CultureInfo.InvariantCulture);

    private JsonObject MarketJson(MarketState m)
    {
        EmulatedMarket d = m.Definition;
        InstrumentOrderBook book = engine.Markets[m.EngineMarket];
        bool hasBid = book.TryGetBestBid(m.YesSlot, out Price bid, out _);
        bool hasAsk = book.TryGetBestAsk(m.YesSlot, out Price ask, out _);
        return new JsonObject
        {
            ["id"] = GammaId(m), ["question"] = d.Question, ["conditionId"] = d.ConditionId, ["questionID"] = d.ConditionId,
            ["slug"] = d.Slug, ["outcomes"] = "[\"Yes\", \"No\"]", ["outcomePrices"] = "[\"0.5\", \"0.5\"]",
            ["clobTokenIds"] = JsonSerializer.Serialize(new[] { d.YesTokenId, d.NoTokenId }, Rest.PolymarketJsonContext.Default.StringArray),
            ["version"] = "v1", ["active"] = true, ["closed"] = m.Resolved, ["enableOrderBook"] = true, ["acceptingOrders"] = !m.Resolved,
            ["orderPriceMinTickSize"] = JsonValue.Create(m.Tick.ToDecimal()), ["orderMinSize"] = JsonValue.Create(d.MinOrderSize.ToDecimal()),
            ["negRisk"] = d.NegRisk, ["negRiskMarketID"] = d.NegRisk ? d.EventId : null,
            ["bestBid"] = hasBid ? JsonValue.Create(bid.ToDecimal()) : null, ["bestAsk"] = hasAsk ? JsonValue.Create(ask.ToDecimal()) : null,
            ["lastTradePrice"] = m.LastTradePrice is Price p ? JsonValue.Create(p.ToDecimal()) : null,
            ["feesEnabled"] = false, ["endDate"] = "2099-01-01T00:00:00Z",
        };
    }
}
