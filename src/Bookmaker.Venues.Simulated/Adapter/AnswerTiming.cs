namespace Bookmaker.Venues.Simulated.Adapter;

/// <summary>How the answers of the request being executed travel.</summary>
internal enum AnswerMode : byte
{
    /// <summary>On the response delay, through the <c>user_feed</c> faults.</summary>
    Normal,

    /// <summary>Never (a timed-out request the venue executed anyway).</summary>
    Silent,

    /// <summary>All at one time after the client gave up (a late answer).</summary>
    Late,
}

/// <summary>
/// The answer mode in force while one request executes: a fault (timeout, late) changes how every report and snapshot
/// the execution produces travels, and the mode is restored afterwards.
/// </summary>
internal sealed class AnswerTiming
{
    /// <summary>The mode in force.</summary>
    public AnswerMode Mode { get; private set; }

    /// <summary>When late answers are due (UTC ticks).</summary>
    public long LateDue { get; private set; }

    /// <summary>Runs <paramref name="action"/> with its answers in <paramref name="mode"/>.</summary>
    public void RunIn(AnswerMode mode, long lateDue, Action action)
    {
        var (oldMode, oldDue) = (Mode, LateDue);
        Mode = mode;
        LateDue = lateDue;
        try
        {
            action();
        }
        finally
        {
            Mode = oldMode;
            LateDue = oldDue;
        }
    }
}
