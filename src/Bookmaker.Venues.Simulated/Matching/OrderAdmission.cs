using System.Runtime.CompilerServices;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>The terms of an order that passed the venue's entry rules, as matching needs them.</summary>
/// <param name="TimeInForce">Effective time in force (a market order's GTC/GTD becomes FAK).</param>
/// <param name="Limit">Limit in the order's own token (raw); a market order without a cap gets the instrument's bound.</param>
/// <param name="CanonLimit">The limit in YES space (raw).</param>
/// <param name="CanonSide">The side in YES space (a NO buy is a YES-space sell).</param>
/// <param name="QuoteSized">A market BUY sized by a quote budget.</param>
internal readonly record struct AdmittedOrder(TimeInForce TimeInForce, long Limit, long CanonLimit, Side CanonSide, bool QuoteSized)
{
    /// <summary>FOK or FAK: never rests.</summary>
    public bool Immediate => TimeInForce is TimeInForce.Fok or TimeInForce.Fak;
}

/// <summary>
/// The venue's entry rules for one order, checked before balances or the book are looked at: order type and time in
/// force, GTD expiry, price bounds and tick, the ladder, size minimum and step (or a market BUY's minimum budget).
/// Each refusal carries the venue's own words from the market's <see cref="VenueRules"/>.
/// </summary>
internal static class OrderAdmission
{
    private const long Scale = FixedPoint.Scale;

    /// <summary>Checks <paramref name="order"/>; false with the venue's refusal in <paramref name="reject"/>.</summary>
    /// <remarks>Inlined into <see cref="MatchingEngine.Submit"/>: every order passes here, and the checks are a few compares.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryAdmit(in SimOrder order, Instrument inst, InstrumentOrderBook mk, bool isNo, long now,
        out AdmittedOrder admitted, out RejectText reject)
    {
        admitted = default;
        VenueRules rules = mk.Rules;
        bool isMarket = order.Type == OrderType.Market;
        TimeInForce tif = order.TimeInForce;
        if (isMarket && tif is TimeInForce.Gtc or TimeInForce.Gtd) tif = TimeInForce.Fak;
        bool immediate = tif is TimeInForce.Fok or TimeInForce.Fak;

        if (order.PostOnly && (isMarket || immediate)) return Refuse(rules.PostOnlyType, out reject);
        if (tif == TimeInForce.Gtd && order.ExpireAtUtcTicks <= now) return Refuse(rules.Expiration, out reject);

        long limit = order.Price.Raw;
        if (isMarket && limit == 0)
        {
            limit = order.Side == Side.Buy ? inst.MaxPrice.Raw : inst.MinPrice.Raw;
        }
        else
        {
            if (limit < inst.MinPrice.Raw || limit > inst.MaxPrice.Raw) return Refuse(PriceBounds(order, inst, rules), out reject);
            if (limit % inst.TickSize.Raw != 0) return Refuse(rules.Tick, out reject);
        }

        long canonLimit = isNo ? Scale - limit : limit;
        if (!mk.TryIndex(canonLimit, out _)) return Refuse(PriceBounds(order, inst, rules), out reject);

        bool quoteSized = order.IsQuoteSized;
        if (quoteSized)
        {
            if (order.QuoteAmount < rules.MinQuoteAmount) return Refuse(rules.MarketBuyAmount, out reject);
        }
        else
        {
            if (order.Size.Raw <= 0 || order.Size < inst.MinSize) return Refuse(rules.MinSize, out reject);
            if (!order.Size.IsOnStep(inst.SizeStep)) return Refuse(rules.SizeStep, out reject);
        }

        admitted = new AdmittedOrder(tif, limit, canonLimit, isNo ? order.Side.Opposite() : order.Side, quoteSized);
        reject = default;
        return true;
    }

    private static bool Refuse(in RejectText text, out RejectText reject)
    {
        reject = text;
        return false;
    }

    private static RejectText PriceBounds(in SimOrder order, Instrument inst, VenueRules rules)
    {
        RejectText rt = rules.PriceBounds;
        if (inst.IsOutcomeToken)
        {
            // The CLOB's own wording: "invalid price (p), min: t - max: 1-t" (reject path only, so formatting is fine).
            rt = rt with { Text = $"invalid price ({order.Price}), min: {inst.MinPrice} - max: {inst.MaxPrice}" };
        }

        return rt;
    }
}
