using Microsoft.Data.Sqlite;

namespace Bookmaker.Storage.Journal;

/// <summary>
/// The integrity check run whenever a journal is opened (<c>PRAGMA quick_check</c>): a journal with damaged pages is
/// refused instead of being appended to — recovery and <c>bookmaker risk status</c> would read nonsense from it. The
/// check reads every page once (about a second for 200 MB), so it runs at open only.
/// </summary>
public static class JournalIntegrity
{
    /// <summary>Why the database behind <paramref name="connection"/> is damaged, or null when it is sound.</summary>
    public static string? Problem(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string first;
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(1);";
            first = command.ExecuteScalar() as string ?? "no answer";
        }
        catch (SqliteException ex)
        {
            first = ex.Message;
        }

        if (string.Equals(first, "ok", StringComparison.Ordinal)) return null;
        return $"it is damaged (SQLite integrity check: {first.ReplaceLineEndings(" ")}): move it aside and start with another --journal (recover what SQLite still can with 'sqlite3 <file> .recover')";
    }
}
