using Bookmaker.Core.Orders;
using Bookmaker.Engine.Journal;

namespace Bookmaker.Engine.Orders;

/// <summary>
/// Records one difference between our books and the venue's (or a fill that cannot be real): counted, journaled as a
/// <see cref="JournalKind.Reconciliation"/> entry and handed to the order manager's <c>Reconciled</c> listeners. Every
/// part that finds something — the report path, the reconciler, fill booking — writes it the same way.
/// </summary>
internal sealed class ReconciliationFindings(IJournal journal, JournalPayload payload, TimeProvider time, OrderManagerStats stats,
    Action<ReconciliationFinding> announce)
{
    /// <summary>Records a finding about <paramref name="id"/> (default when it concerns no order).</summary>
    public void Add(ReconciliationIssue issue, ClientOrderId id, string detail)
    {
        stats.ReconciliationFindings++;
        var finding = new ReconciliationFinding(issue, id, detail);
        journal.Append(new JournalEntry(time.GetUtcNow().UtcTicks, JournalKind.Reconciliation, id.Value, null,
            payload.Text(detail, ("issue", issue.ToString()))));
        announce(finding);
    }
}
