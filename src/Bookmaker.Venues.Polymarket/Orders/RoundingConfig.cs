using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>
/// Decimal places the official SDKs round to for each market tick size (ROUNDING_CONFIG): price, size (shares
/// or, for a market BUY, dollars) and the computed amount leg.
/// </summary>
/// <param name="Price">Decimals of the price.</param>
/// <param name="Size">Decimals of the size.</param>
/// <param name="Amount">Decimals of the computed amount.</param>
public readonly record struct RoundingConfig(int Price, int Size, int Amount)
{
    private static readonly (long TickRaw, RoundingConfig Config)[] Table =
    [
        (100_000_000, new RoundingConfig(1, 2, 3)),  // 0.1
        (10_000_000, new RoundingConfig(2, 2, 4)),   // 0.01
        (5_000_000, new RoundingConfig(3, 2, 5)),    // 0.005
        (2_500_000, new RoundingConfig(4, 2, 6)),    // 0.0025
        (1_000_000, new RoundingConfig(3, 2, 5)),    // 0.001
        (100_000, new RoundingConfig(4, 2, 6)),      // 0.0001
    ];

    /// <summary>The configuration of a tick size; false for a tick the venue does not use.</summary>
    public static bool TryFor(Price tick, out RoundingConfig config)
    {
        foreach (var (raw, c) in Table)
        {
            if (raw == tick.Raw)
            {
                config = c;
                return true;
            }
        }

        config = default;
        return false;
    }

    /// <summary>The configuration of a tick size; throws for an unknown tick.</summary>
    public static RoundingConfig For(Price tick) =>
        TryFor(tick, out var c) ? c : throw new ArgumentOutOfRangeException(nameof(tick), tick, "tick size is not one of 0.1, 0.01, 0.005, 0.0025, 0.001, 0.0001");
}
