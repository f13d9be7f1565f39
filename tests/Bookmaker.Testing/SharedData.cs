namespace Bookmaker.Testing;

/// <summary>Finds the recorded data that sits beside the repository (<c>../shared/data</c>); fails, never skips.</summary>
public static class SharedData
{
    /// <summary>The path of <paramref name="parts"/> under the shared data folder; throws when the file is missing.</summary>
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                string file = System.IO.Path.Combine([candidate, .. parts]);
                if (!File.Exists(file)) throw new FileNotFoundException($"recorded data file missing: {file}");
                return file;
            }
        }

        throw new DirectoryNotFoundException($"no shared/data above {AppContext.BaseDirectory}");
    }
}
