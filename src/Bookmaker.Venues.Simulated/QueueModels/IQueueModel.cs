using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// Estimates the queue position of our resting order from L2 data, after hftbacktest's queue-model trait
/// {new order, trade, depth change, is filled}. Level sizes are the recorded sizes (our virtual orders are not in a
/// replayed book) plus whatever of our own earlier orders rests ahead at the same price, which the simulator adds.
/// Implementations are stateless; the state lives in <see cref="QueuePosition"/>.
/// </summary>
public interface IQueueModel
{
    /// <summary>Our order joins the back of a level that shows <paramref name="levelSize"/>.</summary>
    void OnNewOrder(ref QueuePosition position, Quantity levelSize);

    /// <summary>A trade of <paramref name="tradeSize"/> printed at our price against our side.</summary>
    void OnTrade(ref QueuePosition position, Quantity tradeSize);

    /// <summary>The level at our price changed from <paramref name="previousSize"/> to <paramref name="newSize"/>.</summary>
    void OnDepthChange(ref QueuePosition position, Quantity previousSize, Quantity newSize);

    /// <summary>The canonical config name, e.g. <c>risk_averse</c> or <c>power:2</c> (see <see cref="QueueModelSpec"/>).</summary>
    string ToString();
}
