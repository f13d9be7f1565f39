using Bookmaker.Core.Orders;

namespace Bookmaker.Engine.Risk;

/// <summary>Small helpers on <see cref="OrderRequest"/> used by the gate.</summary>
public static class OrderRequestRiskExtensions
{
    /// <summary>True for FOK/FAK: they never rest, so they cannot cross our own resting quotes.</summary>
    public static bool TimeInForceIsImmediate(this OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.TimeInForce is TimeInForce.Fok or TimeInForce.Fak;
    }
}
