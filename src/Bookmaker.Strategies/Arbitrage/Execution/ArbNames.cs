using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>Journal names of the enums the executor writes on every attempt (Enum.ToString is slow on a hot path).</summary>
internal static class ArbNames
{
    public static string Of(Side side) => side == Side.Buy ? "Buy" : "Sell";

    public static string Of(ArbKind kind) => kind switch
    {
        ArbKind.BuySet => "BuySet",
        ArbKind.SellSet => "SellSet",
        ArbKind.NegRiskBuyAll => "NegRiskBuyAll",
        _ => kind.ToString(),
    };

    public static string Of(ArbActionability a) => a switch
    {
        ArbActionability.Actionable => "Actionable",
        ArbActionability.NotHeld => "NotHeld",
        ArbActionability.InsufficientCash => "InsufficientCash",
        _ => a.ToString(),
    };

    public static string Of(TimeInForce tif) => tif switch
    {
        TimeInForce.Fok => "Fok",
        TimeInForce.Fak => "Fak",
        _ => tif.ToString(),
    };
}
