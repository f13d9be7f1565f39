using System.Globalization;
using System.Text.Json.Nodes;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The L2 account reads: open orders (<c>/data/orders</c>, <c>/data/order/{id}</c>), trades (<c>/data/trades</c>) and
/// balances (<c>/balance-allowance</c>: COLLATERAL is the account's cash, CONDITIONAL a token balance, both as 6-decimal
/// integer strings, allowances unlimited). A key sees only its own orders and the trades it took part in.
/// </summary>
internal sealed class AccountQueries(MatchingEngine engine, EmulatedMarkets markets, OrderRecords records, EmulatorOptions options, TradeSettlement settlement)
{
    /// <summary>The V1 neg-risk adapter, a spender the V2 CLOB still checks (reference, "Allowances").</summary>
    public const string NegRiskAdapter = "0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296";

    private const string Unlimited = "115792089237316195423570985008687907853269984665640564039457584007913129639935";

    /// <summary>GET /data/orders: the key's resting orders, filtered by id, market and asset, oldest first, paged.</summary>
    public EmuResponse OpenOrders(ApiKeyRecord key, Func<string, string?> query)
    {
        string? id = query("id"), market = query("market"), asset = query("asset_id");
        var list = records.Orders.Where(o => o.Owner == key && o.Resting
                && (id is null || string.Equals(o.Id, id, StringComparison.OrdinalIgnoreCase))
                && (market is null || string.Equals(o.Market.ConditionId, market, StringComparison.OrdinalIgnoreCase))
                && (asset is null || o.AssetId == asset))
            .OrderBy(o => o.EngineId).Select(RecordJson.Order).ToList();
        return ClobPaging.Page(list, query("next_cursor"), options.DataPageSize);
    }

    /// <summary>GET /data/order/{id}: one of the key's orders, live or done.</summary>
    public EmuResponse OneOrder(ApiKeyRecord key, string id) =>
        records.TryGet(id, out OrderRecord o) && o.Owner == key
            ? EmuResponse.Json(RecordJson.Order(o))
            : EmuResponse.Error(404, VenueTexts.NotFound);

    /// <summary>GET /data/trades: the key's trades filtered by id, market, asset and match time (before/after, unix s), paged.</summary>
    public EmuResponse Trades(ApiKeyRecord key, Func<string, string?> query)
    {
        string? id = query("id"), market = query("market"), asset = query("asset_id");
        long before = long.TryParse(query("before"), NumberStyles.None, CultureInfo.InvariantCulture, out long b) ? b : long.MaxValue;
        long after = long.TryParse(query("after"), NumberStyles.None, CultureInfo.InvariantCulture, out long a) ? a : long.MinValue;
        var list = records.Trades.Where(t => (t.Taker.Owner == key || t.Maker.Order.Owner == key)
                && (id is null || t.Id == id)
                && (market is null || string.Equals(t.Taker.Market.ConditionId, market, StringComparison.OrdinalIgnoreCase))
                && (asset is null || t.Taker.AssetId == asset || t.Maker.Order.AssetId == asset)
                && t.MatchTimeSeconds < before && t.MatchTimeSeconds > after)
            .Select(t => RecordJson.Trade(t, key, rest: true, 0)).ToList();
        return ClobPaging.Page(list, query("next_cursor"), options.DataPageSize);
    }

    /// <summary>
    /// GET /balance-allowance/update: the venue re-reads the chain for the account. The emulator's view is never stale,
    /// so this answers what <see cref="BalanceAllowance"/> does, and records the request so tests can see who asked.
    /// </summary>
    public EmuResponse UpdateBalanceAllowance(ApiKeyRecord key, Func<string, string?> query)
    {
        string type = (query("asset_type") ?? "COLLATERAL").ToUpperInvariant();
        key.BalanceUpdates.Add(type == "COLLATERAL" ? type : type + ":" + query("token_id"));
        return BalanceAllowance(key, query);
    }

    /// <summary>
    /// GET /balance-allowance: the balance of collateral or of one token, and the allowances to the exchange contracts
    /// (unlimited once approved, "0" when the account's approval was withdrawn through the admin API).
    /// </summary>
    public EmuResponse BalanceAllowance(ApiKeyRecord key, Func<string, string?> query)
    {
        SimAccount account = engine.Account(key.Account);
        string type = (query("asset_type") ?? "COLLATERAL").ToUpperInvariant();
        string balance;
        if (type == "COLLATERAL")
        {
            balance = EmuJson.Micros(account.Cash);
        }
        else
        {
            string? token = query("token_id");
            if (token is null || !markets.TryToken(token, out _, out int slot)) return EmuResponse.Error(400, "Invalid token id");
            // The on-chain balance: tokens of unsettled trades are not in it yet (nor out of it, for a seller).
            balance = EmuJson.Micros(new Money(settlement.Balance(key.Account, slot).Raw));
        }

        string allowance = (type == "COLLATERAL" ? key.CollateralApproved : key.TokensApproved) ? Unlimited : "0";
        var allowances = new JsonObject
        {
            [options.Contracts.ExchangeV2.VerifyingContract.ToChecksumString()] = allowance,
            [options.Contracts.NegRiskExchangeV2.VerifyingContract.ToChecksumString()] = allowance,
            [NegRiskAdapter] = allowance,
        };
        return EmuResponse.Json(new JsonObject { ["balance"] = balance, ["allowances"] = allowances });
    }
}
