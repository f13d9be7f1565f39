namespace Bookmaker.Storage.Tests;

/// <summary>A fresh directory under the system temp folder, deleted on dispose; tests put real SQLite files in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bookmaker-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name = "journal.db") => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open (e.g. a killed child's handle not yet released) must not fail the test; temp is temp.
        }
    }
}
