namespace Bookmaker.Storage.Journal;

/// <summary>
/// Tells, before SQLite touches it, whether a path can hold a journal — and if not, why, in words an operator can act
/// on ("it is a directory, not a file"). SQLite itself would fail later with a less helpful error, or worse, succeed:
/// it happily "opens" <c>/dev/null</c> and writes nowhere.
/// </summary>
public static class JournalPathCheck
{
    /// <summary>The 16 bytes every SQLite database file starts with.</summary>
    public static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    /// <summary>
    /// Why <paramref name="journalPath"/> cannot hold a journal, or null when it can: the path must be a regular file
    /// that is empty or an SQLite database, or not exist yet inside folders that are folders. Creates nothing. Whether
    /// the folder is writable shows when the writer creates its lock file there (<see cref="SqliteJournal.Open"/>).
    /// </summary>
    public static string? Problem(string journalPath) => LocationProblem(journalPath) ?? ContentProblem(journalPath);

    /// <summary>
    /// The part of <see cref="Problem"/> that opens no file: what the path is (a directory, a device, a pipe…) and
    /// whether its folders can exist. Safe to call while another writer of this process has the journal open.
    /// </summary>
    public static string? LocationProblem(string journalPath)
    {
        if (string.IsNullOrWhiteSpace(journalPath)) return "the path is empty";
        string full;
        try
        {
            full = Path.GetFullPath(journalPath);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "it is not a valid path";
        }

        if (Path.EndsInDirectorySeparator(journalPath)) return "it names a directory, not a file";
        var kind = JournalFileProbe.KindOf(full);
        if (kind != JournalFileKind.Missing) return KindProblem(kind);

        // The file does not exist yet: every existing folder above it must be a folder, or it can never be created.
        for (string? folder = Path.GetDirectoryName(full); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var folderKind = JournalFileProbe.KindOf(folder);
            if (folderKind == JournalFileKind.Missing) continue;
            return folderKind == JournalFileKind.Directory ? null : $"its folder '{folder}' is a file, not a directory";
        }

        return null;
    }

    /// <summary>
    /// The check on an existing regular file's first bytes: empty (a new journal) or the SQLite header. Called by the
    /// writer only once it holds the journal's lock: closing a descriptor of a database file drops every POSIX lock
    /// this process's SQLite connections hold on it, so the file is not opened while another writer here might use it.
    /// </summary>
    internal static string? ContentProblem(string journalPath)
    {
        if (JournalFileProbe.KindOf(journalPath) != JournalFileKind.RegularFile) return null;
        Span<byte> header = stackalloc byte[16];
        int read;
        try
        {
            using var handle = File.OpenHandle(journalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = RandomAccess.Read(handle, header, 0);
            while (read < header.Length)
            {
                int more = RandomAccess.Read(handle, header[read..], read);
                if (more == 0) break;
                read += more;
            }
        }
        catch (UnauthorizedAccessException)
        {
            return "it cannot be read (permission denied)";
        }
        catch (IOException ex)
        {
            return $"it cannot be read ({ex.Message})";
        }

        if (read == 0) return null; // an empty file: a new journal is created in it
        return read == header.Length && header.SequenceEqual(SqliteHeader)
            ? null
            : "it is not an SQLite database (the file exists and holds something else)";
    }

    private static string? KindProblem(JournalFileKind kind) => kind switch
    {
        JournalFileKind.RegularFile => null,
        JournalFileKind.Directory => "it is a directory, not a file",
        JournalFileKind.CharacterDevice or JournalFileKind.BlockDevice => "it is a device, not a regular file",
        JournalFileKind.NamedPipe => "it is a named pipe (FIFO), not a regular file",
        JournalFileKind.Socket => "it is a socket, not a regular file",
        _ => "it is not a regular file",
    };
}

/// <summary>A path cannot hold a journal; <see cref="Reason"/> says why in an operator's words.</summary>
public sealed class JournalPathException : Exception
{
    /// <summary>Creates the exception for <paramref name="journalPath"/>.</summary>
    public JournalPathException(string journalPath, string reason, Exception? innerException = null)
        : base($"Journal path '{journalPath}' is not usable: {reason}.", innerException)
    {
        JournalPath = journalPath;
        Reason = reason;
    }

    /// <summary>Creates the exception without details (serialization and tooling).</summary>
    public JournalPathException() { }

    /// <summary>Creates the exception with a message only.</summary>
    public JournalPathException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JournalPathException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The path.</summary>
    public string JournalPath { get; } = "";

    /// <summary>Why it is not usable, e.g. <c>it is a device, not a regular file</c>.</summary>
    public string Reason { get; } = "";
}
