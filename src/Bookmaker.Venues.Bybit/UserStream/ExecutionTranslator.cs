using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Portfolio;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Bybit.Rest;
using Bookmaker.Venues.Bybit.Trading;

namespace Bookmaker.Venues.Bybit.UserStream;

/// <summary>
/// Turns what the venue says about our orders — the private stream's <c>order</c> and <c>execution</c> messages, or the
/// same records read back over REST after a reconnect or a timed-out create — into the engine's reports, each once:
/// executions are the fill source of truth and are deduplicated by <c>execId</c> (a replayed message or the REST
/// catch-up after a reconnect repeats them); an order's state is reported only when it moves (New → Accepted;
/// Cancelled / Rejected with an <c>EC_…</c> reason before any acceptance → Rejected with the typed reason, e.g. a
/// derivatives post-only that would cross; otherwise → Cancelled). A negative <c>execFee</c> is a rebate and is booked
/// as one. A <c>Funding</c> execution (a perpetual's funding settlement: no order, <c>execFee</c> positive when we pay)
/// becomes a <see cref="FundingPayment"/> of −execFee, deduplicated by the same execId memory as fills; other
/// non-trade types are not ours to book. Thread-safe: the stream, the catch-up and timed-out creates may call it
/// concurrently.
/// </summary>
public sealed class ExecutionTranslator
{
    private const int RememberedExecs = 100_000;

    /// <summary>How many final orders are remembered (to ignore their late duplicate messages).</summary>
    internal const int RememberedFinalOrders = 100_000;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _seenExecs = new(StringComparer.Ordinal);
    private readonly Queue<string> _execOrder = new();
    private readonly Dictionary<ulong, OrderTrack> _orders = [];
    // Orders that reached a final state, oldest first: only the last RememberedFinalOrders are kept, so a bot that runs
    // for weeks does not keep one entry per order it ever placed. A stale order message for an order forgotten here is
    // reported again and the order manager ignores it (the order is final there); fills stay deduplicated by execId.
    private readonly Queue<ulong> _finalOrder = new();
    private readonly IReadOnlyDictionary<string, InstrumentId> _instruments;
    private readonly TimeProvider _time;
    private long _lastExecTimeMs;
    private long _duplicates;

    /// <summary>Creates the translator for the adapter's symbols.</summary>
    public ExecutionTranslator(IReadOnlyDictionary<string, InstrumentId> instruments, TimeProvider time)
    {
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The engine's sink (null until start: nothing is reported before).</summary>
    public IVenueEventSink? Sink { get; set; }

    /// <summary>The latest execution time seen (unix ms): where the REST catch-up after a reconnect starts.</summary>
    public long LastExecTimeMs
    {
        get
        {
            lock (_gate) return _lastExecTimeMs;
        }
    }

    /// <summary>Executions ignored because their execId was seen before.</summary>
    public long DuplicateExecutions => Interlocked.Read(ref _duplicates);

    /// <summary>Fills reported.</summary>
    public long FillsReported { get; private set; }

    /// <summary>Funding payments reported.</summary>
    public long FundingReported { get; private set; }

    /// <summary>One execution; returns true when it was new and reported.</summary>
    public bool OnExecution(BybitExecution e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.ExecType == "Funding") return OnFunding(e);
        if (e.ExecType != "Trade" || !BybitOrderJson.TryParseLinkId(e.OrderLinkId, out var id) || !_instruments.TryGetValue(e.Symbol, out var instrument)) return false;
        bool needAccept;
        lock (_gate)
        {
            if (!Remember(e)) return false;
            FillsReported++;
            var track = Track(id);
            needAccept = !track.Accepted;
            track.Accepted = true;
        }

        var fee = e.Fee.Raw >= 0 ? e.Fee : Money.Zero;
        var rebate = e.Fee.Raw < 0 ? new Money(-e.Fee.Raw) : Money.Zero;
        var at = e.ExecTimeMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(e.ExecTimeMs) : _time.GetUtcNow();
        // The execution can overtake the order message: the order is acknowledged first, so its state machine sees New → Filled.
        if (needAccept) Sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, id, instrument, e.OrderId, RejectReason.None, "New", null, null, _time.GetUtcNow()));
        var fill = new Fill(e.ExecId, id, instrument, e.Side, e.Price, e.Qty, fee, rebate, e.IsMaker ? Liquidity.Maker : Liquidity.Taker, at);
        Sink?.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Filled, id, instrument, e.OrderId, RejectReason.None, null, fill, e.LeavesQty, _time.GetUtcNow()));
        return true;
    }

    // A funding settlement: cash to the ledger's funding line, signed from our side (the venue's execFee is what we pay).
    private bool OnFunding(BybitExecution e)
    {
        if (!_instruments.TryGetValue(e.Symbol, out var instrument)) return false;
        lock (_gate)
        {
            if (!Remember(e)) return false;
            FundingReported++;
        }

        var at = e.ExecTimeMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(e.ExecTimeMs) : _time.GetUtcNow();
        Sink?.OnFunding(new FundingPayment(e.ExecId, instrument, -e.Fee, at));
        return true;
    }

    // Under _gate: false (counted) for an execId seen before; else remembered, and the catch-up cursor moves.
    private bool Remember(BybitExecution e)
    {
        if (!_seenExecs.Add(e.ExecId))
        {
            Interlocked.Increment(ref _duplicates);
            return false;
        }

        _execOrder.Enqueue(e.ExecId);
        if (_execOrder.Count > RememberedExecs) _seenExecs.Remove(_execOrder.Dequeue());
        _lastExecTimeMs = Math.Max(_lastExecTimeMs, e.ExecTimeMs);
        return true;
    }

    /// <summary>One order state; reports what changed since the last state seen for it.</summary>
    public void OnOrder(BybitOrderState o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!BybitOrderJson.TryParseLinkId(o.OrderLinkId, out var id) || !_instruments.TryGetValue(o.Symbol, out var instrument)) return;
        var now = _time.GetUtcNow();
        bool rejectedBeforeAccept = false, accept = false, cancel = false;
        lock (_gate)
        {
            var track = Track(id);
            if (track.Terminal) return;
            bool rejected = o.Status == "Rejected" || (o.Status is "Cancelled" or "Deactivated" && !track.Accepted && o.CumExecQty.Raw == 0 && o.RejectReason is not ("EC_NoError" or ""));
            if (rejected)
            {
                rejectedBeforeAccept = true;
                Finish(id, track);
            }
            else
            {
                accept = !track.Accepted;
                track.Accepted = true;
                if (o.Status is "Cancelled" or "PartiallyFilledCanceled" or "Deactivated")
                {
                    cancel = true;
                    Finish(id, track);
                }
                else if (o.Status == "Filled")
                {
                    Finish(id, track);
                }
            }
        }

        var sink = Sink;
        if (sink is null) return;
        if (rejectedBeforeAccept)
        {
            var reason = BybitErrorCodes.FromRejectText(o.RejectReason);
            sink.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Rejected, id, instrument, o.OrderId, reason == RejectReason.None ? RejectReason.Other : reason,
                $"{o.Status}: {o.RejectReason}", null, Quantity.Zero, now));
            return;
        }

        if (accept) sink.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Accepted, id, instrument, o.OrderId, RejectReason.None, o.Status, null, o.LeavesQty, now));
        if (cancel) sink.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Cancelled, id, instrument, o.OrderId, RejectReason.None, o.CancelType, null, Quantity.Zero, now));
    }

    /// <summary>True once the order has been reported accepted (or filled).</summary>
    public bool IsKnownAccepted(ClientOrderId id)
    {
        lock (_gate) return _orders.TryGetValue(id.Value, out var t) && t.Accepted;
    }

    /// <summary>Orders tracked now (live ones and the most recent final ones).</summary>
    internal int TrackedOrders
    {
        get
        {
            lock (_gate) return _orders.Count;
        }
    }

    // Under _gate: the order is final; the oldest final order beyond the bound is forgotten.
    private void Finish(ClientOrderId id, OrderTrack track)
    {
        track.Terminal = true;
        _finalOrder.Enqueue(id.Value);
        if (_finalOrder.Count > RememberedFinalOrders) _orders.Remove(_finalOrder.Dequeue());
    }

    private OrderTrack Track(ClientOrderId id)
    {
        if (!_orders.TryGetValue(id.Value, out var t)) _orders[id.Value] = t = new OrderTrack();
        return t;
    }

    private sealed class OrderTrack
    {
        public bool Accepted;
        public bool Terminal;
    }
}
