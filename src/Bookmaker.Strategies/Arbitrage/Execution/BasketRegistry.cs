using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// Where the executor finds its baskets: the one in flight per market or event, every run by sequence (its timers
/// carry the sequence), every order it sent with its run and leg (orders stay mapped after they end, so a late fill
/// still finds its basket), and the finished runs.
/// </summary>
internal sealed class BasketRegistry
{
    private readonly Dictionary<string, BasketRun> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<long, BasketRun> _bySequence = [];
    private readonly Dictionary<ClientOrderId, (BasketRun Run, int Leg)> _orders = [];
    private readonly List<BasketRun> _finished = [];

    /// <summary>Baskets in flight.</summary>
    public IReadOnlyCollection<BasketRun> InFlight => _inFlight.Values;

    /// <summary>Finished baskets (most recent last).</summary>
    public IReadOnlyList<BasketRun> Finished => _finished;

    /// <summary>True while a basket of <paramref name="basketId"/> is in flight.</summary>
    public bool IsInFlight(string basketId) => _inFlight.ContainsKey(basketId);

    /// <summary>Records a run whose entry legs were sent with <paramref name="entryIds"/> (leg order).</summary>
    public void Open(BasketRun run, ReadOnlySpan<ClientOrderId> entryIds)
    {
        for (int i = 0; i < entryIds.Length; i++)
        {
            run.EntryIds[i] = entryIds[i];
            run.Active.Add(entryIds[i]);
            _orders[entryIds[i]] = (run, i);
        }

        _inFlight[run.Basket.Id] = run;
        _bySequence[run.Sequence] = run;
    }

    /// <summary>Records a repair order of a run, on the leg of its instrument.</summary>
    public void Track(BasketRun run, ClientOrderId id, InstrumentId instrument)
    {
        int leg = -1;
        for (int i = 0; i < run.Legs.Length; i++)
            if (run.Legs[i].Id == instrument) { leg = i; break; }
        run.Active.Add(id);
        _orders[id] = (run, leg);
    }

    /// <summary>The run and leg of one of the executor's orders.</summary>
    public bool TryGetOrder(ClientOrderId id, out BasketRun run, out int leg)
    {
        if (_orders.TryGetValue(id, out var entry))
        {
            (run, leg) = entry;
            return true;
        }

        run = null!;
        leg = -1;
        return false;
    }

    /// <summary>The leg of one of the executor's orders.</summary>
    public int LegOf(ClientOrderId id) => _orders[id].Leg;

    /// <summary>A run by sequence (timers).</summary>
    public bool TryGetRun(long sequence, out BasketRun run) => _bySequence.TryGetValue(sequence, out run!);

    /// <summary>The basket in flight on <paramref name="basketId"/>, if any.</summary>
    public bool TryGetInFlight(string basketId, out BasketRun run) => _inFlight.TryGetValue(basketId, out run!);

    /// <summary>Moves a finished run back in flight (a late fill); it does not displace another run of its market.</summary>
    public void Reopen(BasketRun run)
    {
        _finished.Remove(run);
        _inFlight.TryAdd(run.Basket.Id, run);
    }

    /// <summary>Moves a run from in flight to finished.</summary>
    public void Close(BasketRun run)
    {
        if (_inFlight.TryGetValue(run.Basket.Id, out var current) && ReferenceEquals(current, run)) _inFlight.Remove(run.Basket.Id);
        _finished.Add(run);
    }

    /// <summary>True while another run of the same market still holds the unhedged alert up.</summary>
    public bool AnyAlertedInFlight(string basketId)
    {
        foreach (var other in _bySequence.Values)
            if (other.Alerted && other.Outcome == BasketOutcome.InFlight && other.Basket.Id == basketId) return true;
        return false;
    }

    /// <summary>Σ over baskets in flight of <paramref name="count"/>.</summary>
    public int SumInFlight(Func<BasketRun, int> count)
    {
        int n = 0;
        foreach (var r in _inFlight.Values) n += count(r);
        return n;
    }
}
