using Bookmaker.Engine.Configuration;
using Bookmaker.Storage.Journal;
using Microsoft.Data.Sqlite;

namespace Bookmaker.Cli;

/// <summary>A journal made ready for a new session: open, locked, with its next epoch — or the one line saying why not.</summary>
/// <param name="Journal">The open journal (the caller disposes it), or null.</param>
/// <param name="Error">The config-error line to print before exiting 2, or null.</param>
internal sealed record PreparedJournal(SqliteJournal? Journal, string? Error);

/// <summary>Preparing a journal file for a new session (paper or live).</summary>
internal static class JournalFiles
{
    /// <summary>Holder property: the running engine's kill-switch file (absolute), for <c>bookmaker risk halt</c>.</summary>
    public const string KillSwitchFileProperty = "killSwitchFile";

    /// <summary>Holder property: the running engine's operator mailbox (<c>bookmaker risk …</c> requests and answers).</summary>
    public const string OperatorRequestDirectoryProperty = "operatorRequestDirectory";

    /// <summary>Holder property: the running engine's mode (<c>paper</c>, <c>live</c>).</summary>
    public const string ModeProperty = "mode";

    /// <summary>Holder property: the running engine's working directory.</summary>
    public const string WorkingDirectoryProperty = "workingDirectory";

    /// <summary>
    /// Validates <paramref name="journalPath"/> (the resolved value of <paramref name="key"/>), creates its folder,
    /// checks the free-space floor and opens the journal as this run's only writer, publishing where the engine's kill
    /// switch and operator requests are. Never throws for a bad path: every problem — a directory, a device, a text
    /// file, a newer schema, a corrupt file, another running writer, a full volume — becomes one line in the form of
    /// a configuration error, e.g. <c>config error: Paper:JournalPath = '/dev/null' (from cli:--journal): not a usable
    /// journal: it is a device, not a regular file</c>.
    /// </summary>
    public static PreparedJournal Prepare(string journalPath, string key, string mode, BookmakerOptions options, EffectiveConfig effective, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(effective);
        ArgumentNullException.ThrowIfNull(context);
        string value = effective[key] ?? journalPath;
        string source = effective.Find(key)?.Source ?? "default";
        PreparedJournal Refuse(string reason) =>
            new(null, new ConfigError(key, value, "not a usable journal: " + OneLine(reason), source).ToString());

        if (JournalPathCheck.LocationProblem(journalPath) is { } location) return Refuse(location);
        string folder = Path.GetDirectoryName(Path.GetFullPath(journalPath))!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Refuse($"its folder '{folder}' cannot be created ({ex.Message})");
        }

        var space = new JournalSpace(journalPath, options.Journal.MinFreeBytes).Read();
        if (space.State == JournalSpaceState.Exhausted)
        {
            return Refuse($"its volume has {JournalSpaceText(space.FreeBytes)} free, at or below Journal:MinFreeBytes ({JournalSpaceText(space.MinFreeBytes)})");
        }

        try
        {
            return new PreparedJournal(SqliteJournal.Open(journalPath, new SqliteJournalOptions
            {
                Writer = Writer(journalPath, mode, options, context),
                CompactAbove = options.Journal.CompactAbove,
                ArchiveRetentionDays = options.Journal.ArchiveRetentionDays,
            }), null);
        }
        catch (JournalPathException ex)
        {
            return Refuse(ex.Reason);
        }
        catch (JournalLockedException ex)
        {
            return Refuse($"another Bookmaker writer holds it: {ex.Holder.Describe()}");
        }
        catch (JournalSchemaException ex) when (ex.FoundVersion > 0)
        {
            return Refuse($"it was written by a newer Bookmaker (schema version {ex.FoundVersion}; this build knows up to {ex.KnownVersion}): upgrade Bookmaker or use another journal file");
        }
        catch (Exception ex) when (ex is JournalSchemaException or SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return Refuse($"it cannot be opened ({ex.Message.TrimEnd('.')})");
        }
    }

    /// <summary>What the holder file tells other processes about this run; the command line with secrets masked.</summary>
    private static JournalWriterInfo Writer(string journalPath, string mode, BookmakerOptions options, CliContext context)
    {
        string killSwitch = context.ResolvePath(options.Risk.KillSwitchFile);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ModeProperty] = mode,
            [KillSwitchFileProperty] = killSwitch,
            [OperatorRequestDirectoryProperty] = Engine.Operations.OperatorMailbox.DirectoryFor(journalPath),
            [WorkingDirectoryProperty] = context.WorkingDirectory ?? Directory.GetCurrentDirectory(),
        };
        return new JournalWriterInfo(mode, RedactedCommandLine(Environment.GetCommandLineArgs()), properties);
    }

    /// <summary>
    /// The command line with the value of every <c>--set</c> of a secret key replaced by <c>***</c>: the holder file
    /// is readable by anyone who can read the journal's folder.
    /// </summary>
    internal static string RedactedCommandLine(IReadOnlyList<string> args)
    {
        var parts = new List<string>(args.Count);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (i > 0 && args[i - 1] == "--set") arg = RedactAssignment(arg);
            else if (arg.StartsWith("--set=", StringComparison.Ordinal)) arg = "--set=" + RedactAssignment(arg["--set=".Length..]);
            parts.Add(arg);
        }

        return string.Join(' ', parts);
    }

    private static string RedactAssignment(string assignment)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0) return assignment;
        string key = assignment[..eq];
        return key + "=" + ConfigEntry.Display(key, assignment[(eq + 1)..]);
    }

    private static string JournalSpaceText(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1048576m:0.0} MiB");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
