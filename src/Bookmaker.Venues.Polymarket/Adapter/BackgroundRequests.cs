namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Runs the adapter's requests off the engine loop: each execution call returns at once and its work runs here; a
/// failure that escapes the work becomes a failed-request event instead of crashing the process. The tasks are kept so
/// an orderly stop (and a test) can wait for them.
/// </summary>
internal sealed class BackgroundRequests(VenueEventReporter events)
{
    private readonly List<Task> _inFlight = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// Starts <paramref name="work"/> on the thread pool. A request that throws is reported as what it is — a failed
    /// request of <paramref name="endpoint"/>, naming the <paramref name="orders"/> it carried (so they are reconciled) —
    /// and never as a venue status: a status is the venue's trading mode, and a "Live" here would lift a cancel-only or
    /// post-only mode the venue still has.
    /// </summary>
    public void Run(Engine.Venues.VenueEndpoint endpoint, IReadOnlyList<Core.Orders.ClientOrderId> orders, Func<Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // a background request must never crash the process; the failure becomes an event
            catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                // The exception's type only: its message may carry a URL or a payload, and nothing secret reaches the journal.
                events.RequestFailed(endpoint, 0, Core.Orders.RejectReason.Other, "adapter request failed: " + ex.GetType().Name, [.. orders]);
            }
        });
        lock (_gate)
        {
            _inFlight.RemoveAll(t => t.IsCompleted);
            _inFlight.Add(task);
        }
    }

    /// <summary>Waits for every request started so far.</summary>
    public Task DrainAsync()
    {
        lock (_gate) return Task.WhenAll(_inFlight.ToArray());
    }
}
