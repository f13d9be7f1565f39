using Bookmaker.Engine.Configuration;
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

    /// <summary>
    /// Opens the run's journal at the configured <paramref name="key"/> (resolved against the working directory) as its
    /// only writer, or prints the one-line reason it cannot be used and returns null (the caller exits 2).
    /// </summary>
    public static OwnedJournal? Open(string key, string mode, BookmakerOptions options, EffectiveConfig effective, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        string configured = key == "Live:JournalPath" ? options.Live.JournalPath : options.Paper.JournalPath;
        var prepared = JournalFiles.Prepare(context.ResolvePath(configured), key, mode, options, effective, context);
        if (prepared.Journal is null)
        {
            context.Stderr.WriteLine(prepared.Error);
            return null;
        }

        return new OwnedJournal(prepared.Journal);
    }

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
