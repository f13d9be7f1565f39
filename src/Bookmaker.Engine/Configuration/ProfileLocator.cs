namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Finds <c>profiles/&lt;name&gt;.json</c>: first in <c>$BOOKMAKER_PROFILES_DIR</c>, then in the working directory
/// and each of its parents (so any folder of the repository works), then above the application's own directory
/// (so a built binary inside the repository finds the repository's profiles).
/// </summary>
public static class ProfileLocator
{
    /// <summary>Every path tried, in order, for a profile <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> Candidates(string name, string workingDirectory, string? profilesDir)
    {
        ArgumentNullException.ThrowIfNull(name);
        var list = new List<string>();
        if (!string.IsNullOrEmpty(profilesDir)) list.Add(Path.GetFullPath(Path.Combine(workingDirectory, profilesDir, name + ".json")));
        foreach (string start in new[] { workingDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "profiles", name + ".json");
                if (!list.Contains(candidate, StringComparer.Ordinal)) list.Add(candidate);
            }
        }

        return list;
    }

    /// <summary>True when <paramref name="name"/> is a plain profile name (letters, digits, '-', '_', '.').</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.StartsWith('.') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
