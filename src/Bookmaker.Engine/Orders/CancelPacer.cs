using Bookmaker.Core.Orders;
using Bookmaker.Engine.Risk;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// Paces cancels by the gate's cancel token bucket: a cancel that finds the bucket empty is queued (once per order) and
/// sent, in order, when tokens are back — never dropped, so a burst of pulls cannot trip the venue's cancel limit and
/// no order is left without its cancel. Orders that closed meanwhile leave the queue unsent.
/// </summary>
internal sealed class CancelPacer(ClockedTokenBucket bucket, Action<TimeSpan> scheduleDrain, Func<ClientOrderId, Order?> liveOrder, Action<Order> send)
{
    private readonly Queue<ClientOrderId> _queue = new();
    private readonly HashSet<ClientOrderId> _queued = [];

    /// <summary>Sends the cancel of <paramref name="order"/> now, or queues it until a token is free.</summary>
    public void Send(Order order)
    {
        if (bucket.AttemptAcquire(1).IsAcquired)
        {
            send(order);
            return;
        }

        if (_queued.Add(order.Id))
        {
            _queue.Enqueue(order.Id);
            scheduleDrain(bucket.WaitFor(1));
        }
    }

    /// <summary>Sends queued cancels while tokens last (called by the drain timer).</summary>
    public void Drain()
    {
        while (_queue.Count > 0)
        {
            var id = _queue.Peek();
            var order = liveOrder(id);
            if (order is not null && !bucket.AttemptAcquire(1).IsAcquired)
            {
                scheduleDrain(bucket.WaitFor(1));
                return;
            }

            _queue.Dequeue();
            _queued.Remove(id);
            if (order is not null) send(order);
        }
    }
}
