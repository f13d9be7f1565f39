using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// Moves the ledger's unsettled fills along the settlement ladder (MATCHED → MINED → CONFIRMED, or RETRYING) as the
/// venue reports each step, journals every step (so a restart knows which shares are still unsellable) and keeps a
/// WARNING (<c>trade_retrying</c>, keyed by trade id) active while a trade is RETRYING, cleared when it confirms or
/// fails. A FAILED trade is reversed by the order manager, which then tells this ladder to forget it.
/// </summary>
/// <remarks>Runs on the event loop only.</remarks>
internal sealed class SettlementLadder(PortfolioBook portfolio, InstrumentRegistry instruments, IJournal journal, JournalPayload payload,
    AlertCenter alerts, TimeProvider time, Action<Instrument> positionTouched)
{
    /// <summary>Steps applied (for reports).</summary>
    public int Steps { get; private set; }

    /// <summary>
    /// The trade of <paramref name="fill"/> reached <paramref name="state"/> (not FAILED). A fill the ledger does not
    /// track as unsettled (already confirmed, settled at the match, or never ours) changes nothing. The fill may name
    /// our order or not (after a restart the venue's trade may be all we can match it by).
    /// </summary>
    public void OnStep(Fill fill, SettlementState state)
    {
        var tracked = Tracked(fill);
        if (tracked is null) return;
        var before = portfolio.Settlements.Move(tracked.OrderId, tracked.TradeId, state);
        if (before is null || before == state) return;
        Steps++;
        journal.Append(new JournalEntry(time.GetUtcNow().UtcTicks, JournalKind.Settlement, tracked.OrderId.Value, tracked.Instrument.ToString(),
            payload.Settlement(tracked.TradeId, state)));
        if (instruments.TryGet(tracked.Instrument, out var instrument)) positionTouched(instrument);
        if (state == SettlementState.Retrying)
            alerts.Raise("trade_retrying", AlertSeverity.Warning, $"trade {tracked.TradeId} of {tracked.OrderId} ({tracked.Side} {tracked.Size} {tracked.Instrument}) is RETRYING settlement; its shares are not sellable until it confirms", tracked.TradeId);
        else if (before == SettlementState.Retrying)
            alerts.Clear("trade_retrying", tracked.TradeId);
    }

    /// <summary>The trade of <paramref name="fill"/> FAILED: whatever was tracked or alerted for it ends.</summary>
    public void OnFailed(Fill fill)
    {
        var tracked = Tracked(fill);
        if (tracked is not null) portfolio.Settlements.Forget(tracked.OrderId, tracked.TradeId);
        alerts.Clear("trade_retrying", fill.TradeId);
    }

    // The ledger's own copy of the fill (it carries our order id even when the venue's report could not).
    private Fill? Tracked(Fill fill)
    {
        if (portfolio.Settlements.StateOf(fill.OrderId, fill.TradeId) is not null) return fill;
        var found = portfolio.FindFill(fill.Instrument, fill.TradeId);
        return found is not null && portfolio.Settlements.StateOf(found.OrderId, found.TradeId) is not null ? found : null;
    }
}
