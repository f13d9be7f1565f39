using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// <c>/order-scoring</c> and <c>/orders-scoring</c>: whether an order of the caller earns liquidity rewards right now,
/// by the market's terms (polymarket-api.md §7.1): the market has a programme, the order still rests with at least
/// the minimum size, it has rested for the minimum order age, and its price is within the maximum spread of the
/// size-cutoff-adjusted midpoint (the mid of the best bid and ask levels of at least the minimum size, read on the
/// order's own token). Anything else — unknown ids, someone else's orders — answers false, as the venue does.
/// </summary>
internal sealed class RewardScoring(MatchingEngine engine, OrderRecords records, TimeProvider time)
{
    /// <summary>GET /order-scoring?order_id=: <c>{"scoring":bool}</c>.</summary>
    public EmuResponse One(ApiKeyRecord key, string? orderId) =>
        EmuResponse.Json(new JsonObject { ["scoring"] = orderId is not null && Scores(key, orderId) });

    /// <summary>POST /orders-scoring (and GET with repeated <c>order_ids</c>): <c>{"0x…":bool}</c> for each id asked.</summary>
    public EmuResponse Many(ApiKeyRecord key, IEnumerable<string> orderIds)
    {
        var o = new JsonObject();
        foreach (string id in orderIds)
        {
            if (!string.IsNullOrEmpty(id)) o[id] = Scores(key, id);
        }

        return EmuResponse.Json(o);
    }

    private bool Scores(ApiKeyRecord key, string orderId)
    {
        if (!records.TryGet(orderId, out OrderRecord order) || order.Owner != key || !order.Resting) return false;
        MarketState m = order.Market;
        if (m.Definition.Rewards is not { } terms) return false;
        if (order.OriginalSize - order.Matched < terms.MinSize) return false;
        if (time.GetUtcNow() - order.AcceptedAt < terms.MinOrderAge) return false;
        if (!TryAdjustedMid(m, order.Slot == m.NoSlot, terms.MinSize, out Price mid)) return false;
        long spread = Math.Abs(order.Price.Raw - mid.Raw);
        return spread <= Price.FromDecimal(terms.MaxSpreadCents / 100m).Raw;
    }

    /// <summary>The mid of the best bid and best ask of at least <paramref name="minSize"/>, on the token's own side of the shared book.</summary>
    private bool TryAdjustedMid(MarketState m, bool isNo, Quantity minSize, out Price mid)
    {
        InstrumentOrderBook book = engine.Markets[m.EngineMarket];
        long step = MatchingEngine.BinaryLadderStep.Raw;
        long bid = -1, ask = -1;
        for (long p = Price.One.Raw - step; p > 0 && bid < 0; p -= step)
        {
            var own = new Price(p);
            if (book.SizeAt(isNo ? Side.Sell : Side.Buy, isNo ? own.Complement() : own) >= minSize) bid = p;
        }

        for (long p = step; p < Price.One.Raw && ask < 0; p += step)
        {
            var own = new Price(p);
            if (book.SizeAt(isNo ? Side.Buy : Side.Sell, isNo ? own.Complement() : own) >= minSize) ask = p;
        }

        mid = bid >= 0 && ask >= 0 ? new Price((bid + ask) / 2) : default;
        return bid >= 0 && ask >= 0;
    }
}
