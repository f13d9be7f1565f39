using System.Globalization;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Polymarket.Rest;
using Bookmaker.Venues.Polymarket.Wire;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Turns a Polymarket trade into fills of our orders. As taker, the trade's <c>taker_order_id</c> is ours (size and
/// price of the trade); as maker, each <c>maker_orders</c> entry that is ours gives a fill of its matched amount at its
/// price. Fill ids: the trade id for the taker fill, <c>tradeId:orderId</c> for maker fills (one trade can hit several
/// of our resting orders). Fees: makers pay none in CLOB V2; the taker fee is estimated by <see cref="TakerFeeEstimate"/>
/// — the market's fee curve when it published one, else the exchange's formula on the trade's <c>fee_rate_bps</c>
/// (reconciliation corrects balances whatever the venue charged). The trade's
/// <c>size</c> is the matched size; the venue keeps a taker BUY's fee in shares, so that fill carries
/// <see cref="Fill.FeeShares"/> (fee ÷ price, rounded up to the token unit: <see cref="ShareFee"/>) and the position
/// grows by size − fee shares, as the venue's balance does; a taker SELL's fee stays in USDC.
/// </summary>
public static class TradeFills
{
    /// <summary>
    /// Fills of our orders in a user-channel trade. With <paramref name="ownerKey"/> (our API key), orders the map does
    /// not know but the trade says are ours (a maker entry's <c>owner</c>, or the taker side's <c>owner</c>) are included
    /// with an empty order id and the token they traded: after a restart, a settlement step or a FAILED trade can still
    /// be matched to the journaled fill by its trade id.
    /// </summary>
    public static List<(Fill Fill, MappedOrder Order, string VenueOrderId)> FromUserTrade(UserTradeEvent t, VenueOrderMap map, DateTimeOffset now, string? ownerKey = null,
        MarketFeeCurves? curves = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(map);
        var fills = new List<(Fill, MappedOrder, string)>();
        var ts = t.MatchTimeTicks is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : now;
        if (t.TraderSide != TraderSide.Maker && (map.TryGet(t.TakerOrderId, out var taker) || Owns(ownerKey, t.Owner)))
        {
            if (taker.OrderId.IsEmpty) taker = new MappedOrder(default, new InstrumentId(VenueNames.Polymarket, t.AssetId), t.Side);
            fills.Add((TakerFill(t.TradeId, taker.OrderId, taker.Instrument, taker.Side, t.Price, t.Size, t.FeeRateBps, curves?.For(taker.Instrument.Symbol), ts), taker, t.TakerOrderId));
        }

        foreach (var mo in t.MakerOrders)
        {
            if (!map.TryGet(mo.OrderId, out var maker))
            {
                if (!Owns(ownerKey, mo.Owner) || mo.Side is not { } side) continue;
                // A complement (MINT/MERGE) maker traded the other token: its own asset id says which.
                maker = new MappedOrder(default, new InstrumentId(VenueNames.Polymarket, mo.AssetId), side);
            }

            fills.Add((new Fill(t.TradeId + ":" + mo.OrderId, maker.OrderId, maker.Instrument, mo.Side ?? maker.Side, mo.Price, mo.MatchedAmount, Money.Zero, Money.Zero, Liquidity.Maker, ts), maker, mo.OrderId));
        }

        return fills;
    }

    private static bool Owns(string? ownerKey, string? owner) =>
        ownerKey is not null && string.Equals(ownerKey, owner, StringComparison.OrdinalIgnoreCase);

    /// <summary>The settlement state a REST trade's <c>status</c> names (TRADE_STATUS_* or the bare word), or null.</summary>
    public static SettlementState? StatusOf(TradeDto t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return SettlementStates.TryParse(t.Status, out var state) ? state : null;
    }

    /// <summary>The engine's settlement state for a user-channel trade status.</summary>
    public static SettlementState ToSettlement(TradeStatus status) => status switch
    {
        TradeStatus.Matched => SettlementState.Matched,
        TradeStatus.Mined => SettlementState.Mined,
        TradeStatus.Retrying => SettlementState.Retrying,
        TradeStatus.Confirmed => SettlementState.Confirmed,
        _ => SettlementState.Failed,
    };

    /// <summary>Fills of ours in a REST trade (reconciliation). Orders unknown to the map but owned by <paramref name="apiKey"/> get an empty id.</summary>
    public static List<Fill> FromRestTrade(TradeDto t, VenueOrderMap map, string? apiKey, DateTimeOffset now, MarketFeeCurves? curves = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(map);
        var fills = new List<Fill>();
        var ts = long.TryParse(t.MatchTime, NumberStyles.Integer, CultureInfo.InvariantCulture, out long s) ? DateTimeOffset.FromUnixTimeSeconds(s) : now;
        bool takerIsUs = string.Equals(t.TraderSide, "TAKER", StringComparison.OrdinalIgnoreCase);
        if (takerIsUs && Price.TryParse(t.Price, out var price) && Quantity.TryParse(t.Size, out var size))
        {
            map.TryGet(t.TakerOrderId, out var o);
            var side = ParseSide(t.Side) ?? o.Side;
            var inst = o.OrderId.IsEmpty ? new InstrumentId(VenueNames.Polymarket, t.AssetId ?? "") : o.Instrument;
            int bps = int.TryParse(t.FeeRateBps, NumberStyles.Integer, CultureInfo.InvariantCulture, out int b) ? b : 0;
            fills.Add(TakerFill(t.Id, o.OrderId, inst, side, price, size, bps, curves?.For(inst.Symbol), ts));
        }

        foreach (var mo in t.MakerOrders)
        {
            bool known = map.TryGet(mo.OrderId, out var o);
            if (!known && !(apiKey is not null && string.Equals(mo.Owner, apiKey, StringComparison.OrdinalIgnoreCase))) continue;
            if (!Price.TryParse(mo.Price, out var p) || !Quantity.TryParse(mo.MatchedAmount, out var q)) continue;
            var inst = known ? o.Instrument : new InstrumentId(VenueNames.Polymarket, mo.AssetId ?? "");
            fills.Add(new Fill(t.Id + ":" + mo.OrderId, o.OrderId, inst, ParseSide(mo.Side) ?? o.Side, p, q, Money.Zero, Money.Zero, Liquidity.Maker, ts));
        }

        return fills;
    }

    /// <summary>Our taker fill of a trade, its fee in the venue's unit: shares for a BUY, USDC for a SELL.</summary>
    private static Fill TakerFill(string tradeId, ClientOrderId orderId, InstrumentId instrument, Side side, Price price, Quantity size,
        int feeRateBps, PolymarketFeeModel? curve, DateTimeOffset ts)
    {
        var charge = TakerCharge(side, price, size, feeRateBps, curve);
        return new Fill(tradeId, orderId, instrument, side, price, size, charge.Fee, Money.Zero, Liquidity.Taker, ts, charge.FeeShares);
    }

    /// <summary>
    /// The estimated taker fee (<see cref="TakerFeeEstimate.Of"/>) in the unit the venue collects it: shares on a BUY
    /// (the USDC fee ÷ price, as the exchange's BUY formula keeps it in tokens), USDC on a SELL.
    /// </summary>
    public static FeeCharge TakerCharge(Side side, Price price, Quantity size, int feeRateBps, PolymarketFeeModel? curve = null)
    {
        var fee = TakerFeeEstimate.Of(price, size, feeRateBps, curve);
        return side == Side.Buy ? ShareFee.BuyCharge(fee, price, size) : new FeeCharge(fee, Money.Zero);
    }

    internal static Side? ParseSide(string? s) => s?.ToUpperInvariant() switch
    {
        "BUY" => Side.Buy,
        "SELL" => Side.Sell,
        _ => null,
    };
}
