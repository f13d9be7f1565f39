using System.IO.Enumeration;

namespace Bookmaker.Backtest.Inputs;

/// <summary>
/// Expands the <c>--data</c> arguments: a file, a directory (its files, sorted by name, recursively) or a glob in the
/// last path segment (<c>data/*.gz</c>). The result is sorted and without duplicates, so the same arguments always
/// replay the same files in the same order.
/// </summary>
public static class DataPaths
{
    /// <summary>The files named by <paramref name="arguments"/>; <c>Missing</c> lists each argument that names nothing.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing) Expand(IEnumerable<string> arguments, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (string argument in arguments)
        {
            string full = Path.GetFullPath(argument, workingDirectory);
            if (File.Exists(full)) files.Add(full);
            else if (Directory.Exists(full)) files.UnionWith(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories));
            else if (argument.AsSpan().IndexOfAny('*', '?') >= 0 && Glob(full) is { Count: > 0 } matched) files.UnionWith(matched);
            else missing.Add(argument);
        }

        return ([.. files], missing);
    }

    private static List<string> Glob(string pattern)
    {
        string? dir = Path.GetDirectoryName(pattern);
        string name = Path.GetFileName(pattern);
        if (dir is null || !Directory.Exists(dir)) return [];
        return Directory.EnumerateFiles(dir).Where(f => FileSystemName.MatchesSimpleExpression(name, Path.GetFileName(f))).ToList();
    }
}
