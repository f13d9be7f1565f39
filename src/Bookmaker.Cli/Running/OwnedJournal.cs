using Bookmaker.Storage.Journal;

namespace Bookmaker.Cli.Running;

/// <summary>
/// The run's journal, closed last. A journal whose writer failed throws its fault again when closed; by then the engine
/// has failed closed on it and said so in its one line, so closing must not turn it into a second failure with a stack
/// trace.
/// </summary>
internal sealed class OwnedJournal(SqliteJournal journal) : IAsyncDisposable
{
    public SqliteJournal Journal => journal;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await journal.DisposeAsync().ConfigureAwait(false);
        }
        catch (JournalFaultedException)
        {
            // Already reported as the fail-closed reason.
        }
    }
}
