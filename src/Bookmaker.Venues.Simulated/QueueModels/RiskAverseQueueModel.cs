using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// The conservative model (hftbacktest's <c>RiskAdverseQueueModel</c>, config <c>risk_averse</c>): we join behind the
/// whole displayed level; only trades at our price move us forward; a depth decrease only caps the quantity ahead at
/// the new level size (the cancel is assumed to be behind us unless the level is now smaller than our front). We fill
/// once the quantity ahead is exhausted, by the excess of the trade that passed it. Underfills when cancels happen
/// ahead of us, which on busy levels they often do.
/// </summary>
public sealed class RiskAverseQueueModel : IQueueModel
{
    /// <summary>The shared instance (the model is stateless).</summary>
    public static RiskAverseQueueModel Instance { get; } = new();

    /// <inheritdoc />
    public void OnNewOrder(ref QueuePosition position, Quantity levelSize)
    {
        position.Front = levelSize;
        position.TradedSinceDepthChange = Quantity.Zero;
    }

    /// <inheritdoc />
    public void OnTrade(ref QueuePosition position, Quantity tradeSize) => position.Front -= tradeSize;

    /// <inheritdoc />
    public void OnDepthChange(ref QueuePosition position, Quantity previousSize, Quantity newSize) =>
        position.Front = Quantity.Min(position.Front, newSize);

    /// <inheritdoc />
    public override string ToString() => "risk_averse";
}
