using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

/// <summary>What the scripted venue does with one order.</summary>
internal enum LegAnswer
{
    /// <summary>Accepted and filled in full at the limit.</summary>
    Fill,

    /// <summary>Accepted, part filled (see <see cref="LegScript.PartSize"/>), the rest cancelled.</summary>
    Partial,

    /// <summary>Rejected (not filled).</summary>
    Reject,

    /// <summary>No answer at all; a cancel is answered with Cancelled.</summary>
    Silent,

    /// <summary>No answer, and cancels are ignored too (the test answers through <see cref="ScriptedExecutionClient.Answer"/>).</summary>
    Hold,

    /// <summary>Accepted and left resting on the book (a quote); a cancel is answered with Cancelled.</summary>
    Rest,
}

/// <summary>One scripted answer.</summary>
internal readonly record struct LegScript(LegAnswer Answer, Quantity PartSize = default);

/// <summary>
/// A venue that answers each order as the test's script says, through the engine's event sink (so the reports are
/// queued and applied on the loop like a real adapter's). Fills trade at the order's limit and pay the Core
/// Polymarket taker fee — the formula the scanner prices with — in shares on a BUY as the venue collects it
/// (<paramref name="buyFeesInShares"/>), or every fee in USDC (the scripted cases written before fees had a unit).
/// </summary>
internal sealed class ScriptedExecutionClient(TimeProvider clock, IFeeModel fee, int maxBatch = 15, bool buyFeesInShares = false) : IVenueScript
{
    private int _trade;
    private IVenueEventSink? _sink;

    public void Attach(IVenueEventSink sink) => _sink = sink;

    private IVenueEventSink Sink => _sink ?? throw new InvalidOperationException("the venue has not been started");

    public Func<OrderRequest, LegScript> Script { get; set; } = _ => new LegScript(LegAnswer.Fill);

    public List<OrderRequest> Submitted { get; } = [];

    public List<int> BatchSizes { get; } = [];

    public List<ClientOrderId> Cancels { get; } = [];

    public Dictionary<ClientOrderId, OrderRequest> Silent { get; } = [];

    public int MaxBatchSize => maxBatch;

    public void Submit(OrderRequest request)
    {
        Submitted.Add(request);
        Respond(request);
    }

    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        BatchSizes.Add(requests.Count);
        foreach (var r in requests)
        {
            Submitted.Add(r);
            Respond(r);
        }
    }

    private void Respond(OrderRequest r)
    {
        var script = Script(r);
        switch (script.Answer)
        {
            case LegAnswer.Fill:
                Answer(r, LegAnswer.Fill);
                break;
            case LegAnswer.Partial:
                Answer(r, LegAnswer.Partial, script.PartSize);
                break;
            case LegAnswer.Reject:
                Answer(r, LegAnswer.Reject);
                break;
            case LegAnswer.Silent:
                Silent[r.Id] = r;
                break;
            case LegAnswer.Hold:
                break;
            case LegAnswer.Rest:
                Answer(r, LegAnswer.Rest);
                Silent[r.Id] = r;
                break;
        }
    }

    /// <summary>Answers an order now (also used by tests for held orders).</summary>
    public void Answer(OrderRequest r, LegAnswer answer, Quantity part = default)
    {
        var now = clock.GetUtcNow();
        switch (answer)
        {
            case LegAnswer.Fill:
                Sink.OnExecutionReport(Report(ExecutionReportKind.Accepted, r));
                Sink.OnExecutionReport(FillOf(r, r.Size));
                break;
            case LegAnswer.Partial:
                Sink.OnExecutionReport(Report(ExecutionReportKind.Accepted, r));
                if (part.Raw > 0) Sink.OnExecutionReport(FillOf(r, part));
                Sink.OnExecutionReport(Report(ExecutionReportKind.Cancelled, r));
                break;
            case LegAnswer.Rest:
                Sink.OnExecutionReport(Report(ExecutionReportKind.Accepted, r));
                break;
            case LegAnswer.Reject:
                Sink.OnExecutionReport(new ExecutionReport(ExecutionReportKind.Rejected, r.Id, r.Instrument, null, RejectReason.NotFilled, "not filled", null, null, now));
                break;
        }
    }

    private ExecutionReport Report(ExecutionReportKind kind, OrderRequest r) =>
        new(kind, r.Id, r.Instrument, "v" + r.Id.Sequence, RejectReason.None, null, null, null, clock.GetUtcNow());

    private ExecutionReport FillOf(OrderRequest r, Quantity size)
    {
        var charge = fee.ForFill(r.Price, size, Liquidity.Taker, buyFeesInShares ? r.Side : Side.Sell);
        var fill = new Fill($"t{++_trade}", r.Id, r.Instrument, r.Side, r.Price, size, charge.Fee, charge.Rebate, Liquidity.Taker, clock.GetUtcNow(), charge.FeeShares);
        return new ExecutionReport(ExecutionReportKind.Filled, r.Id, r.Instrument, "v" + r.Id.Sequence, RejectReason.None, null, fill, null, clock.GetUtcNow());
    }

    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId)
    {
        Cancels.Add(id);
        if (Silent.Remove(id, out var r))
            Sink.OnExecutionReport(Report(ExecutionReportKind.Cancelled, r));
    }

    public void CancelAll()
    {
    }

    public void CancelMarket(string marketId)
    {
    }

    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince)
    {
    }
}
