using Bookmaker.Core.Orders;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// Orders that reached a final state, kept for <see cref="OrderManagerOptions.FinishedOrderTtl"/> so a late report
/// (a fill racing its cancel, a duplicate) still finds its order. One job: remember and forget them in closing order.
/// </summary>
internal sealed class FinishedOrders
{
    private readonly Dictionary<ClientOrderId, Order> _byId = [];
    private readonly Queue<(ClientOrderId Id, long ClosedTicks)> _closed = new();

    /// <summary>Keeps <paramref name="order"/>, closed at <paramref name="closedTicks"/>.</summary>
    public void Add(Order order, long closedTicks)
    {
        _byId[order.Id] = order;
        _closed.Enqueue((order.Id, closedTicks));
    }

    /// <summary>The finished order with <paramref name="id"/>, if still kept.</summary>
    public bool TryGet(ClientOrderId id, out Order order) => _byId.TryGetValue(id, out order!);

    /// <summary>True when <paramref name="id"/> finished and is still kept.</summary>
    public bool Contains(ClientOrderId id) => _byId.ContainsKey(id);

    /// <summary>Forgets every order closed at or before <paramref name="cutoffTicks"/>.</summary>
    public void Evict(long cutoffTicks)
    {
        while (_closed.Count > 0 && _closed.Peek().ClosedTicks <= cutoffTicks)
            _byId.Remove(_closed.Dequeue().Id);
    }
}
