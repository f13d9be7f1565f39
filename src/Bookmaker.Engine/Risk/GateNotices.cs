namespace Bookmaker.Engine.Risk;

/// <summary>
/// The risk gate's announcements — a trading-state change and a freeze request — either raised at once or held while an
/// event is being delivered and raised, in the order they were decided, when it has been.
/// </summary>
/// <remarks>
/// Why: a fill that breaches the daily loss limit changes the gate's state the moment the ledger moves, so the very next
/// order is denied; but if the change were announced from inside the fill's delivery, the journal would record the
/// HALT and the cancel-all before that order's <c>Filled</c>, and strategies would hear of the halt before the fill that
/// caused it. The order manager holds the announcements around each venue report: fill ⇒ ledger ⇒ risk ⇒ journal ⇒
/// strategies ⇒ then the state change and the freeze. Holding allocates nothing once the list has grown.
/// </remarks>
internal sealed class GateNotices(Action<TradingState, TradingState, string> raiseStateChanged, Action<string> raiseFreeze)
{
    private List<Notice> _held = [];
    private List<Notice>? _spare = [];
    private int _depth;

    /// <summary>True while announcements are held.</summary>
    public bool IsHolding => _depth > 0;

    /// <summary>Holds announcements until the matching <see cref="Release"/> (holds nest).</summary>
    public void Hold() => _depth++;

    /// <summary>Ends one hold; the outermost raises what was held, in order.</summary>
    public void Release()
    {
        if (_depth == 0) throw new InvalidOperationException("gate notices released more often than held");
        if (--_depth > 0) return;
        // The held notices are swapped out before any is raised: a handler may decide more (a freeze may change state)
        // or hold and release again, and neither must raise these a second time; a handler that throws leaves none
        // to be replayed by a later release.
        var raising = _held;
        _held = _spare ?? [];
        _spare = null;
        try
        {
            for (int i = 0; i < raising.Count; i++)
            {
                var n = raising[i];
                if (n.IsFreeze) raiseFreeze(n.Reason);
                else raiseStateChanged(n.Old, n.Now, n.Reason);
            }
        }
        finally
        {
            raising.Clear();
            _spare ??= raising;
        }
    }

    /// <summary>The effective state went from <paramref name="old"/> to <paramref name="now"/>.</summary>
    public void StateChanged(TradingState old, TradingState now, string reason)
    {
        if (_depth > 0) _held.Add(new Notice(false, old, now, reason));
        else raiseStateChanged(old, now, reason);
    }

    /// <summary>Everything must be cancelled and new orders stopped.</summary>
    public void Freeze(string reason)
    {
        if (_depth > 0) _held.Add(new Notice(true, default, default, reason));
        else raiseFreeze(reason);
    }

    private readonly record struct Notice(bool IsFreeze, TradingState Old, TradingState Now, string Reason);
}
