using System.Text.Json.Nodes;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The CLOB's public market-data reads: books (<c>/book</c>, <c>/books</c>), tick size, neg-risk flag, the compact
/// <c>/clob-markets/{condition_id}</c> and the paged <c>/markets</c> list. Unknown tokens get the venue's
/// "No orderbook exists" answer.
/// </summary>
internal sealed class ClobMarketData(EmulatedMarkets markets, BookViews books, EmulatorOptions options)
{
    /// <summary>GET /book.</summary>
    public EmuResponse Book(string? tokenId) =>
        tokenId is not null && markets.IsToken(tokenId)
            ? EmuResponse.Json(books.Book(tokenId, ws: false))
            : EmuResponse.Error(404, VenueTexts.NoOrderbook);

    /// <summary>GET /books and POST /books: the known tokens' books, unknown ones skipped.</summary>
    public EmuResponse Books(IEnumerable<string> tokenIds)
    {
        var list = new JsonArray();
        foreach (string id in tokenIds)
        {
            if (markets.IsToken(id)) list.Add(books.Book(id, ws: false));
        }

        return EmuResponse.Json(list);
    }

    /// <summary>GET /tick-size.</summary>
    public EmuResponse TickSize(string? tokenId)
    {
        if (tokenId is null || !markets.TryToken(tokenId, out MarketState m, out _)) return EmuResponse.Error(404, VenueTexts.NoOrderbook);
        return EmuResponse.Raw($"{{\"minimum_tick_size\":{m.Tick}}}");
    }

    /// <summary>GET /neg-risk.</summary>
    public EmuResponse NegRisk(string? tokenId)
    {
        if (tokenId is null || !markets.TryToken(tokenId, out MarketState m, out _)) return EmuResponse.Error(404, VenueTexts.NoOrderbook);
        return EmuResponse.Json(new JsonObject { ["neg_risk"] = m.Definition.NegRisk });
    }

    /// <summary>GET /clob-markets/{condition_id}: compact keys, zero fee curve, the reward terms when the market has a programme.</summary>
    public EmuResponse ClobMarket(string conditionId)
    {
        if (!markets.TryCondition(conditionId, out MarketState m)) return EmuResponse.Error(404, "market not found");
        EmulatedMarket d = m.Definition;
        var o = new JsonObject
        {
            ["c"] = d.ConditionId,
            ["t"] = new JsonArray(new JsonObject { ["t"] = d.YesTokenId, ["o"] = "Yes" }, new JsonObject { ["t"] = d.NoTokenId, ["o"] = "No" }),
            ["mts"] = JsonValue.Create(m.Tick.ToDecimal()),
            ["fd"] = new JsonObject { ["r"] = 0, ["e"] = 1, ["to"] = true },
            ["mbf"] = 0,
            ["tbf"] = 0,
            ["r"] = d.Rewards is { } r
                ? new JsonObject
                {
                    ["mi"] = JsonValue.Create(r.MinSize.ToDecimal()), ["ma"] = JsonValue.Create(r.MaxSpreadCents), ["e"] = true,
                    ["smoa"] = r.MinOrderAge <= TimeSpan.Zero, ["moas"] = JsonValue.Create((decimal)r.MinOrderAge.TotalSeconds),
                }
                : null,
            ["ao"] = !m.Resolved,
            ["mos"] = JsonValue.Create(d.MinOrderSize.ToDecimal()),
            ["sd"] = 0,
        };
        if (d.NegRisk) o["nr"] = true;
        return EmuResponse.Json(o);
    }

    /// <summary>GET /markets, paged by cursor.</summary>
    public EmuResponse ClobMarkets(string? cursor) =>
        ClobPaging.Page(markets.All.Select(MarketJson).ToList(), cursor, options.MarketsPageSize);

    /// <summary>GET /markets/{condition_id}.</summary>
    public EmuResponse ClobMarketByCondition(string conditionId) =>
        markets.TryCondition(conditionId, out MarketState m) ? EmuResponse.Json(MarketJson(m)) : EmuResponse.Error(404, "market not found");

    private static JsonObject MarketJson(MarketState m)
    {
        EmulatedMarket d = m.Definition;
        return new JsonObject
        {
            ["enable_order_book"] = true, ["active"] = true, ["closed"] = m.Resolved, ["archived"] = false, ["accepting_orders"] = !m.Resolved,
            ["minimum_order_size"] = JsonValue.Create(d.MinOrderSize.ToDecimal()),
            ["minimum_tick_size"] = JsonValue.Create(m.Tick.ToDecimal()),
            ["condition_id"] = d.ConditionId, ["question_id"] = d.ConditionId, ["question"] = d.Question, ["market_slug"] = d.Slug,
            ["end_date_iso"] = "2099-01-01T00:00:00Z", ["seconds_delay"] = 0, ["maker_base_fee"] = 0, ["taker_base_fee"] = 0,
            ["neg_risk"] = d.NegRisk, ["neg_risk_market_id"] = d.NegRisk ? d.EventId ?? "" : "",
            ["tokens"] = new JsonArray(
                new JsonObject { ["token_id"] = d.YesTokenId, ["outcome"] = "Yes", ["price"] = 0.5, ["winner"] = m.WinningToken == d.YesTokenId },
                new JsonObject { ["token_id"] = d.NoTokenId, ["outcome"] = "No", ["price"] = 0.5, ["winner"] = m.WinningToken == d.NoTokenId }),
            ["rewards"] = d.Rewards is { } r
                ? new JsonObject
                {
                    ["rates"] = new JsonArray(new JsonObject { ["asset_address"] = d.YesTokenId, ["rewards_daily_rate"] = JsonValue.Create(r.DailyRate) }),
                    ["min_size"] = JsonValue.Create(r.MinSize.ToDecimal()), ["max_spread"] = JsonValue.Create(r.MaxSpreadCents),
                }
                : new JsonObject { ["rates"] = null, ["min_size"] = 0, ["max_spread"] = 0 },
        };
    }
}
