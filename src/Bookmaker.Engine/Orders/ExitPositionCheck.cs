namespace Bookmaker.Engine.Orders;

/// <summary>
/// The reconciliation at the end of a run: which snapshot requests belong to it, whether each venue has answered with a
/// complete snapshot, and how many instruments' positions differed from the venues' (the run summary's
/// <c>position_mismatches_at_exit</c>). An incomplete answer leaves the check open; the host asks again until its grace ends.
/// </summary>
internal sealed class ExitPositionCheck
{
    private readonly HashSet<long> _waiting = [];
    private bool _asked;
    private int _mismatches;
    // Read by the host's thread while it waits for the end of a run; written on the loop.
    private volatile int _outstanding;

    /// <summary>True when no check is outstanding (never asked, or every venue answered); safe to read from any thread.</summary>
    public bool Done => _outstanding == 0;

    /// <summary>The count once every venue answered; null before (or when never asked).</summary>
    public int? Mismatches => _asked && Done ? _mismatches : null;

    /// <summary>The check's requests (one per venue); a new check replaces an unanswered one.</summary>
    public void Expect(IEnumerable<long> requestIds)
    {
        _waiting.Clear();
        _mismatches = 0;
        _asked = true;
        foreach (long id in requestIds) _waiting.Add(id);
        _outstanding = _waiting.Count;
    }

    /// <summary>A complete snapshot was reconciled with <paramref name="mismatches"/> differing positions.</summary>
    public void OnReconciled(long requestId, int mismatches)
    {
        if (!_waiting.Remove(requestId)) return;
        _mismatches += mismatches;
        _outstanding = _waiting.Count;
    }
}
