using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// The road out: every submit and basket gets its ids, passes the <see cref="RiskGate"/>, is tracked as PendingNew and
/// its intent journaled <em>before</em> its request leaves (a request that times out is never forgotten), then goes to
/// its venue's execution client — a basket in batches of the venue's size. A denial is counted, journaled and
/// announced. Cancels are never judged: they are journaled and paced by the cancel bucket.
/// </summary>
/// <remarks>Runs on the event loop only, called by <see cref="OrderManager"/>'s submit and cancel methods.</remarks>
internal sealed class SubmissionRouter
{
    private readonly OrderManager _owner;
    private readonly InstrumentRegistry _instruments;
    private readonly IReadOnlyDictionary<string, IExecutionClient> _venues;
    private readonly RiskGate _gate;
    private readonly PortfolioBook _portfolio;
    private readonly LiveOrders _live;
    private readonly SlippageWatch _slippage;
    private readonly CancelPacer _cancels;
    private readonly IJournal _journal;
    private readonly JournalPayload _payload;
    private readonly TimeProvider _time;
    private readonly ClientOrderIdGenerator _ids;
    private readonly OrderManagerStats _stats;

    /// <summary>Creates the router.</summary>
    public SubmissionRouter(OrderManager owner, InstrumentRegistry instruments, IReadOnlyDictionary<string, IExecutionClient> venues, RiskGate gate,
        PortfolioBook portfolio, LiveOrders live, SlippageWatch slippage, CancelPacer cancels, IJournal journal, JournalPayload payload,
        TimeProvider time, ClientOrderIdGenerator ids, OrderManagerStats stats)
    {
        _owner = owner;
        _instruments = instruments;
        _venues = venues;
        _gate = gate;
        _portfolio = portfolio;
        _live = live;
        _slippage = slippage;
        _cancels = cancels;
        _journal = journal;
        _payload = payload;
        _time = time;
        _ids = ids;
        _stats = stats;
    }

    /// <summary>
    /// Submits one order: risk gate, then track + journal, then send. A request with an empty id gets a fresh one.
    /// </summary>
    public SubmitOutcome Submit(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Id.IsEmpty) request = request with { Id = _ids.Next() };
        var decision = _gate.Check(request);
        if (!decision.IsAllowed)
        {
            OnDenied(request, decision);
            return new SubmitOutcome(request.Id, decision);
        }

        var client = ClientFor(request.Instrument);
        Track(request);
        if (JournalFailed)
        {
            RejectUnrecorded(request.Id);
            return new SubmitOutcome(request.Id, RiskDecision.Deny(DenyReason.Halted));
        }

        client.Submit(request);
        return new SubmitOutcome(request.Id, decision);
    }

    /// <summary>
    /// Submits a basket all-or-nothing: the gate judges the legs together; if any leg is denied no leg is sent. Allowed
    /// legs leave together — in batches of the venue's maximum size where it has a batch endpoint.
    /// </summary>
    public RiskDecision SubmitBasket(IReadOnlyList<OrderRequest> legs, Span<ClientOrderId> assignedIds)
    {
        ArgumentNullException.ThrowIfNull(legs);
        var withIds = new OrderRequest[legs.Count];
        for (int i = 0; i < legs.Count; i++)
        {
            withIds[i] = legs[i].Id.IsEmpty ? legs[i] with { Id = _ids.Next() } : legs[i];
            if (i < assignedIds.Length) assignedIds[i] = withIds[i].Id;
        }

        var decision = _gate.CheckBasket(withIds);
        if (!decision.IsAllowed)
        {
            foreach (var leg in withIds) OnDenied(leg, decision);
            return decision;
        }

        foreach (var leg in withIds) Track(leg);
        if (JournalFailed)
        {
            foreach (var leg in withIds) RejectUnrecorded(leg.Id);
            return RiskDecision.Deny(DenyReason.Halted);
        }

        // Group by venue (preserving leg order), then send in chunks of the venue's batch size.
        foreach (var group in withIds.GroupBy(l => l.Instrument.Venue, StringComparer.Ordinal))
        {
            var client = ClientFor(group.First().Instrument);
            var list = group.ToList();
            int max = Math.Max(1, client.MaxBatchSize);
            if (max == 1)
            {
                foreach (var leg in list) client.Submit(leg);
                continue;
            }

            for (int i = 0; i < list.Count; i += max)
                client.SubmitBatch(list.GetRange(i, Math.Min(max, list.Count - i)));
        }

        return decision;
    }

    /// <summary>True once the journal has failed: nothing written since is recorded (the engine is failing closed).</summary>
    private bool JournalFailed => _journal is Faults.FailClosedJournal { Fault: not null };

    /// <summary>
    /// The journal failed while this order's intent was written, so the order was never recorded: it is not sent (an
    /// order the journal does not know could not be recovered after a crash) and ends Rejected locally.
    /// </summary>
    private void RejectUnrecorded(ClientOrderId id)
    {
        if (!_live.TryGet(id, out var order)) return;
        var result = order.ApplyRejected(RejectReason.Other, _time.GetUtcNow());
        if (!result.IsApplied) return;
        _stats.Rejected++;
        _owner.Close(order, _instruments.Get(order.Instrument));
        _owner.Changed(order, result);
    }

    private void Track(OrderRequest request)
    {
        var instrument = _instruments.Get(request.Instrument);
        var now = _time.GetUtcNow();
        var order = new Order(request, now);
        _live.Add(order, instrument);
        if (_gate.State == TradingState.Halted) _stats.SubmittedWhileHalted++;
        _stats.Submitted++;
        _gate.OnOrderSent(request, instrument);
        _slippage.Expect(request.Id, request.Type == OrderType.Market || request.TimeInForce is TimeInForce.Fok or TimeInForce.Fak
            ? MarkOf(instrument)
            : request.Price.Raw);
        _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.OrderIntent, request.Id.Value, request.Instrument.ToString(), _payload.Intent(request)));
        _owner.UpdateOwnQuotes(instrument);
    }

    // The ledger's mark of the instrument, held or not: an order that opens a position is judged against it too.
    private long MarkOf(Instrument instrument) => _portfolio.MarkOf(instrument).Raw;

    private void OnDenied(OrderRequest request, RiskDecision decision)
    {
        _stats.CountDenied(decision.Code);
        _journal.Append(new JournalEntry(_time.GetUtcNow().UtcTicks, JournalKind.RiskDenied, request.Id.Value, request.Instrument.ToString(),
            _payload.Text(decision.Code, ("leg", decision.LegIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("tag", request.Tag ?? ""))));
        _owner.AnnounceDenied(request, decision);
    }

    /// <summary>The execution client of <paramref name="instrument"/>'s venue.</summary>
    public IExecutionClient ClientFor(InstrumentId instrument) =>
        _venues.TryGetValue(instrument.Venue, out var c) ? c : throw new InvalidOperationException($"no execution client for venue '{instrument.Venue}'");

    // Cancels: always allowed, never judged by the gate.

    /// <summary>
    /// Requests a cancel. Never denied; paced by the cancel token bucket (queued when it is empty). The order stays
    /// live (PendingCancel) until the venue confirms or reconciliation proves it closed.
    /// </summary>
    public bool Cancel(ClientOrderId id)
    {
        if (!_live.TryGet(id, out var order)) return false;
        var now = _time.GetUtcNow();
        var result = order.RequestCancel(now);
        if (result.IsIllegal) return false;
        if (result.IsApplied)
        {
            _journal.Append(new JournalEntry(now.UtcTicks, JournalKind.CancelRequested, id.Value, order.Instrument.ToString(), "{}"));
            _owner.Changed(order, result);
        }

        _cancels.Send(order);
        return true;
    }

    /// <summary>Cancels every live order of one instrument (a strategy pulling its quotes).</summary>
    public int CancelInstrument(InstrumentId instrument)
    {
        int n = 0;
        foreach (var id in _live.IdsSnapshot())
            if (_live.TryGet(id, out var o) && o.Instrument == instrument && Cancel(id)) n++;
        return n;
    }
}
