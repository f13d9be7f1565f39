using System.Collections.Concurrent;
using Bookmaker.Core.Books;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Bybit.Tests.Emulator;

/// <summary>An event sink that applies market data to one real book per slot, as the engine does, and keeps everything it saw.</summary>
internal sealed class RecordingSink : IVenueEventSink
{
    private readonly object _gate = new();

    public RecordingSink(int slots)
    {
        Books = [.. Enumerable.Range(0, slots).Select(_ => new SortedBook())];
    }

    public SortedBook[] Books { get; }

    public ConcurrentQueue<MarketDataEvent> Events { get; } = new();

    public ConcurrentQueue<VenueStatusEvent> Statuses { get; } = new();

    public int Gaps { get; private set; }

    public void OnMarketData(in MarketDataEvent e)
    {
        Events.Enqueue(e);
        lock (_gate)
        {
            var book = Books[e.InstrumentIndex];
            switch (e.Kind)
            {
                case MarketDataKind.Snapshot:
                    book.ApplySnapshot(e.Snapshot!, e.ReceiveTimeTicks);
                    break;
                case MarketDataKind.BookInvalidated:
                    book.Invalidate();
                    break;
                case MarketDataKind.LevelUpdate:
                    // Each event of a message carries the same ids; the engine judges the first, the book only counts gaps.
                    var check = book.AcceptSequence(e.Sequence, e.PreviousSequence);
                    if (check == SequenceCheck.Gap) Gaps++;
                    if (check is SequenceCheck.Accepted or SequenceCheck.Outdated) book.SetLevel(e.Side, e.Price, e.Size, e.ReceiveTimeTicks);
                    break;
            }
        }
    }

    public bool IsLive(int slot)
    {
        lock (_gate) return !Books[slot].IsStale && Books[slot].HasBids && Books[slot].HasAsks && !Books[slot].IsCrossed;
    }

    public void OnExecutionReport(ExecutionReport report)
    {
    }

    public void OnRequestFailed(VenueRequestFailed failure)
    {
    }

    public void OnVenueStatus(VenueStatusEvent status) => Statuses.Enqueue(status);

    public void OnAccountSnapshot(AccountSnapshot snapshot)
    {
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}
