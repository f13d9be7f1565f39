using System.Globalization;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// One token's book as the venue shows it — for GET /book and the market channel's <c>book</c> event: the shared
/// YES-space book read from the token's side (a NO bid at q is a YES-space ask at 1 − q), levels worst-first like the
/// venue (bids ascending, asks descending).
/// </summary>
internal sealed class BookViews(MatchingEngine engine, EmulatedMarkets markets, HashSequence hashes, TimeProvider time)
{
    /// <summary>The book of <paramref name="tokenId"/> (a listed token); <paramref name="ws"/> for the stream's shape.</summary>
    public JsonObject Book(string tokenId, bool ws)
    {
        var (m, slot) = markets.Token(tokenId);
        InstrumentOrderBook book = engine.Markets[m.EngineMarket];
        bool isNo = slot == m.NoSlot;
        var bids = new JsonArray();
        var asks = new JsonArray();
        long step = MatchingEngine.BinaryLadderStep.Raw;
        // Own-token price p: YES reads YES-space levels at p; NO reads the mirrored side at 1 − p.
        for (long p = step; p < Price.One.Raw; p += step)
        {
            var own = new Price(p);
            Price canon = isNo ? own.Complement() : own;
            Quantity bid = book.SizeAt(isNo ? Side.Sell : Side.Buy, canon);
            if (bid.IsPositive) bids.Add(Level(own, bid));
        }

        for (long p = Price.One.Raw - step; p > 0; p -= step)
        {
            var own = new Price(p);
            Price canon = isNo ? own.Complement() : own;
            Quantity ask = book.SizeAt(isNo ? Side.Buy : Side.Sell, canon);
            if (ask.IsPositive) asks.Add(Level(own, ask));
        }

        string ts = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var o = new JsonObject();
        if (ws) o["event_type"] = "book";
        o["market"] = m.ConditionId;
        o["asset_id"] = tokenId;
        o["timestamp"] = ts;
        o["hash"] = hashes.Next("book")[..42];
        o["bids"] = bids;
        o["asks"] = asks;
        if (!ws)
        {
            o["min_order_size"] = m.Definition.MinOrderSize.ToString();
            o["tick_size"] = m.Tick.ToString();
            o["neg_risk"] = m.Definition.NegRisk;
            o["last_trade_price"] = (m.LastTradePrice ?? Price.Parse("0.5")).ToString();
        }

        return o;
    }

    private static JsonObject Level(Price p, Quantity q) => new() { ["price"] = p.ToString(), ["size"] = q.ToString() };
}
