using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Bybit.Rest;

/// <summary>Bybit product categories this engine trades.</summary>
public enum BybitCategory : byte
{
    /// <summary>USDT/USDC perpetuals and futures.</summary>
    Linear,

    /// <summary>Spot.</summary>
    Spot,
}

/// <summary>
/// One instrument's trading terms as <c>/v5/market/instruments-info</c> states them, exact in the fixed-point types:
/// tick, quantity step (spot: <c>basePrecision</c>, which is its step), minimum quantity, minimum notional (linear
/// <c>minNotionalValue</c>, spot <c>minOrderAmt</c>), the largest limit order and, on spot, the post-only cap (read, never
/// computed: it changes twice a month).
/// </summary>
/// <param name="Symbol">Venue symbol (<c>BTCUSDT</c>).</param>
/// <param name="Category">Linear or spot.</param>
/// <param name="Status">Venue status (<c>Trading</c>, <c>PreLaunch</c>, <c>Settling</c>…).</param>
/// <param name="TickSize">Price tick.</param>
/// <param name="QtyStep">Quantity step.</param>
/// <param name="MinQty">Minimum order quantity.</param>
/// <param name="MinNotional">Minimum order value in the quote coin (zero when the venue states none).</param>
/// <param name="MaxLimitQty">Largest limit order quantity (zero when not stated).</param>
/// <param name="PostOnlyMaxQty">Spot: largest post-only order (zero when not stated or linear).</param>
/// <param name="MinPrice">Lowest allowed price (linear <c>minPrice</c>; else the tick).</param>
/// <param name="MaxPrice">Highest allowed price (linear <c>maxPrice</c>; else a large bound).</param>
public sealed record BybitInstrumentTerms(
    string Symbol,
    BybitCategory Category,
    string Status,
    Price TickSize,
    Quantity QtyStep,
    Quantity MinQty,
    Money MinNotional,
    Quantity MaxLimitQty,
    Quantity PostOnlyMaxQty,
    Price MinPrice,
    Price MaxPrice)
{
    /// <summary>True when the venue trades it now.</summary>
    public bool IsTrading => Status == "Trading";

    /// <summary>The engine's instrument for these terms (fees charged proportionally to notional).</summary>
    public Instrument ToInstrument() =>
        new(new InstrumentId(VenueNames.Bybit, Symbol), Category == BybitCategory.Linear ? InstrumentKind.LinearPerpetual : InstrumentKind.Spot,
            FixedPoint.SignificantDecimals(TickSize.Raw), TickSize, QtyStep, MinQty, MinPrice, MaxPrice, "proportional");
}
