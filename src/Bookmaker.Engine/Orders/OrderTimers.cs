using Bookmaker.Engine.Kernel;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// The loop the order manager's parts schedule their one-shot timers on (reconcile soon, freeze retries, the cancel
/// queue). Shared so that every part sees the loop once <see cref="OrderManager.Attach"/> has run; before that nothing
/// is scheduled (unit tests drive the parts without a loop).
/// </summary>
internal sealed class OrderTimers
{
    /// <summary>The attached loop, or null before <see cref="OrderManager.Attach"/>.</summary>
    public EventLoop? Loop { get; set; }

    /// <summary>True once a loop is attached.</summary>
    public bool IsAttached => Loop is not null;

    /// <summary>Schedules timer <paramref name="purpose"/> once, <paramref name="due"/> from now (nothing without a loop).</summary>
    public void Once(TimeSpan due, int purpose, long payload = 0) => Loop?.ScheduleTimer(due, TimeSpan.Zero, purpose, payload);
}
