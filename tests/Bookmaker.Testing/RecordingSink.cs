using System.Collections.Concurrent;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Testing;

/// <summary>
/// A venue-sink tap (<see cref="EngineHostOptions.VenueSinkTap"/>): hands every event a venue delivers on to the
/// engine's sink unchanged, keeps a copy, and wakes a test that pumps the loop itself (<see cref="WaitAsync"/>), so a
/// test can wait on the event rather than on the wall clock. Thread-safe: adapters deliver from their I/O tasks.
/// </summary>
public sealed class RecordingSink(IVenueEventSink inner) : IVenueEventSink, IDisposable
{
    private readonly SemaphoreSlim _arrived = new(0);

    /// <summary>Execution reports, in the order delivered.</summary>
    public ConcurrentQueue<ExecutionReport> Reports { get; } = new();

    /// <summary>Venue status changes, in the order delivered.</summary>
    public ConcurrentQueue<VenueStatusEvent> Statuses { get; } = new();

    /// <summary>Failed requests, in the order delivered.</summary>
    public ConcurrentQueue<VenueRequestFailed> Failures { get; } = new();

    /// <summary>Account snapshots, in the order delivered.</summary>
    public ConcurrentQueue<AccountSnapshot> Snapshots { get; } = new();

    /// <summary>The kind and instrument of every market-data event (the events themselves are value types the venue reuses).</summary>
    public ConcurrentQueue<(MarketDataKind Kind, int Index)> MarketData { get; } = new();

    /// <inheritdoc />
    public bool IsAlive => inner.IsAlive;

    /// <inheritdoc />
    public void OnMarketData(in MarketDataEvent e)
    {
        MarketData.Enqueue((e.Kind, e.InstrumentIndex));
        inner.OnMarketData(e);
        Wake();
    }

    /// <inheritdoc />
    public void OnExecutionReport(ExecutionReport report)
    {
        Reports.Enqueue(report);
        inner.OnExecutionReport(report);
        Wake();
    }

    /// <summary>Funding payments, in the order delivered.</summary>
    public ConcurrentQueue<FundingPayment> Funding { get; } = new();

    /// <inheritdoc />
    public void OnFunding(FundingPayment payment)
    {
        Funding.Enqueue(payment);
        inner.OnFunding(payment);
        Wake();
    }

    /// <inheritdoc />
    public void OnRequestFailed(VenueRequestFailed failure)
    {
        Failures.Enqueue(failure);
        inner.OnRequestFailed(failure);
        Wake();
    }

    /// <inheritdoc />
    public void OnVenueStatus(VenueStatusEvent status)
    {
        Statuses.Enqueue(status);
        inner.OnVenueStatus(status);
        Wake();
    }

    /// <inheritdoc />
    public void OnAccountSnapshot(AccountSnapshot snapshot)
    {
        Snapshots.Enqueue(snapshot);
        inner.OnAccountSnapshot(snapshot);
        Wake();
    }

    /// <summary>Per-coin balance pushes, in the order delivered.</summary>
    public ConcurrentQueue<VenueBalances> Balances { get; } = new();

    /// <inheritdoc />
    public void OnBalances(VenueBalances balances)
    {
        Balances.Enqueue(balances);
        inner.OnBalances(balances);
        Wake();
    }

    /// <summary>Waits until an event has been delivered since the last wait, or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout) => _arrived.WaitAsync(timeout);

    /// <summary>Every text the venue produced (reports, statuses, failures, snapshots) — for secret scans and failure messages.</summary>
    public string AllText() => string.Join('\n',
        Reports.Select(r => r.ToString()).Concat(Statuses.Select(s => s.ToString())).Concat(Failures.Select(f => f.ToString() + " " + f.Text))
            .Concat(Snapshots.Select(s => s.ToString())));

    /// <summary>A one-line digest of reports, statuses and failures, for a timeout's message.</summary>
    public string Describe() => string.Join("; ", Reports.Select(r => $"{r.Kind}:{r.OrderId}:{r.Reason}:{r.Text}")
        .Concat(Statuses.Select(s => $"status {s.State} {s.Text}")).Concat(Failures.Select(f => $"failed {f.Endpoint} {f.HttpStatus} {f.Text}")));

    /// <inheritdoc />
    public void Dispose() => _arrived.Dispose();

    private void Wake()
    {
        // One pending wake-up is enough: the pump drains everything that arrived when it wakes.
        if (_arrived.CurrentCount == 0) _arrived.Release();
    }
}
