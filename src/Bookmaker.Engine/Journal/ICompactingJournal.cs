namespace Bookmaker.Engine.Journal;

/// <summary>
/// A journal that can keep its live file small: at a trading-day roll it moves what recovery and
/// <c>bookmaker risk status</c> no longer need into a dated archive beside it. Optional — the engine asks only when
/// its journal implements this (the SQLite journal does; see <c>docs/journal.md</c>).
/// </summary>
public interface ICompactingJournal
{
    /// <summary>
    /// Asks for a compaction of everything appended before this call. Returns at once: the work runs on the journal's
    /// own writer, in short steps between batches, so <see cref="IJournal.Append"/> never waits for it, and it does
    /// nothing while the live file is under the journal's size threshold.
    /// </summary>
    /// <param name="rollTicks">Engine-clock time of the day roll (UTC ticks); dates the archive and the journal note.</param>
    void RequestCompaction(long rollTicks);
}
