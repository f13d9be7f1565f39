namespace Bookmaker.Benchmarks;

/// <summary>Finds the shared recordings and the repository's own files from wherever BenchmarkDotNet runs the build.</summary>
internal static class BenchmarkData
{
    /// <summary>A file under the first <c>shared/data</c> found walking up from the binaries.</summary>
    public static string Find(params string[] parts) => Path.Combine([Up(Path.Combine("shared", "data")), .. parts]);

    /// <summary>A directory of the repository (the first ancestor holding <c>Bookmaker.slnx</c>).</summary>
    public static string RepositoryDirectory(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bookmaker.slnx"))) return Path.Combine(dir.FullName, name);
        }

        throw new DirectoryNotFoundException("the repository (Bookmaker.slnx) not found above " + AppContext.BaseDirectory);
    }

    private static string Up(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException(relative + " not found above " + AppContext.BaseDirectory);
    }
}
