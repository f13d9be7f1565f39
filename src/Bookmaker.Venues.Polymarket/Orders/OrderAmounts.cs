using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>
/// makerAmount / takerAmount in on-chain 1e-6 units, computed exactly as the official SDKs do
/// (getOrderRawAmounts / getMarketOrderRawAmounts) but in <see cref="decimal"/>, so the float artefacts the
/// SDKs' "round up at amount+4 decimals first" step guards against never arise; the step is kept so results match
/// the SDK even where a quotient does not terminate.
/// </summary>
public static class OrderAmounts
{
    /// <summary>On-chain units per whole pUSD or share.</summary>
    public const long MicrosPerUnit = 1_000_000;

    /// <summary>A limit order: BUY gives USDC for shares, SELL gives shares for USDC.</summary>
    public static (long MakerAmount, long TakerAmount) ForLimit(Side side, Price price, Quantity size, Price tick)
    {
        var rc = RoundingConfig.For(tick);
        decimal rawPrice = RoundNormal(price.ToDecimal(), rc.Price);
        decimal shares = RoundDown(size.ToDecimal(), rc.Size);
        decimal usdc = RoundAmount(shares * rawPrice, rc.Amount);
        return side == Side.Buy ? (ToMicros(usdc), ToMicros(shares)) : (ToMicros(shares), ToMicros(usdc));
    }

    /// <summary>
    /// A market (FOK/FAK) order. BUY: <paramref name="amount"/> is the USDC to spend and the taker leg is shares
    /// (amount ÷ price); SELL: <paramref name="amount"/> is shares and the taker leg is USDC. The worst acceptable
    /// price is rounded down to the price decimals (V2 SDK behaviour).
    /// </summary>
    public static (long MakerAmount, long TakerAmount) ForMarket(Side side, Price worstPrice, decimal amount, Price tick)
    {
        var rc = RoundingConfig.For(tick);
        decimal rawPrice = RoundDown(worstPrice.ToDecimal(), rc.Price);
        if (rawPrice <= 0) throw new ArgumentOutOfRangeException(nameof(worstPrice), worstPrice, "market order price must be positive");
        decimal maker = RoundDown(amount, rc.Size);
        decimal taker = side == Side.Buy ? maker / rawPrice : maker * rawPrice;
        return (ToMicros(maker), ToMicros(RoundAmount(taker, rc.Amount)));
    }

    private static decimal RoundAmount(decimal x, int amountDecimals)
    {
        if (Decimals(x) <= amountDecimals) return x;
        x = RoundUp(x, amountDecimals + 4);
        return Decimals(x) > amountDecimals ? RoundDown(x, amountDecimals) : x;
    }

    internal static decimal RoundNormal(decimal x, int d) => Decimals(x) <= d ? x : decimal.Round(x, d, MidpointRounding.AwayFromZero);

    internal static decimal RoundDown(decimal x, int d) => Decimals(x) <= d ? x : decimal.Round(x, d, MidpointRounding.ToNegativeInfinity);

    internal static decimal RoundUp(decimal x, int d) => Decimals(x) <= d ? x : decimal.Round(x, d, MidpointRounding.ToPositiveInfinity);

    /// <summary>Significant decimal places (trailing zeros ignored).</summary>
    internal static int Decimals(decimal x)
    {
        int d = 0;
        while (x != decimal.Truncate(x))
        {
            x *= 10;
            d++;
        }

        return d;
    }

    private static long ToMicros(decimal units)
    {
        decimal micros = units * MicrosPerUnit;
        if (micros != decimal.Truncate(micros)) throw new InvalidOperationException($"amount {units} has more than 6 decimals");
        return decimal.ToInt64(micros);
    }
}
