using Bookmaker.Core.Orders;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// Good-till-date expiries: resting GTD orders by due time. An order that left the book earlier (filled, cancelled)
/// stays queued and is skipped when its time comes, so cancels never search the queue.
/// </summary>
internal sealed class GtdExpiryQueue
{
    private readonly PriorityQueue<long, long> _due = new();

    /// <summary>Earliest pending expiry (may belong to an order already gone), if any.</summary>
    public DateTimeOffset? Next => _due.TryPeek(out _, out long due) ? new DateTimeOffset(due, TimeSpan.Zero) : null;

    /// <summary>Remembers that order <paramref name="orderId"/> expires at <paramref name="dueTicks"/> (UTC ticks).</summary>
    public void Track(long orderId, long dueTicks) => _due.Enqueue(orderId, dueTicks);

    /// <summary>Expires every order still resting whose time is at or before <paramref name="nowTicks"/>; returns how many.</summary>
    public int ExpireDue(long nowTicks, RestingOrders orders, MatchEventBuffer output)
    {
        int count = 0;
        while (_due.TryPeek(out long orderId, out long due) && due <= nowTicks)
        {
            _due.Dequeue();
            if (orders.TryFind(orderId, out int node) && orders.Nodes[node].ExpireTicks != 0 && orders.Nodes[node].ExpireTicks <= nowTicks)
            {
                orders.Remove(node, MatchEventKind.Expired, RejectReason.None, nowTicks, output);
                count++;
            }
        }

        return count;
    }
}
