using System.Reflection;

namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// The flow profiles shipped in the assembly (<c>Flow/Profiles/*.json</c>, written by <c>bookmaker calibrate</c>; which
/// recording each came from is in its <c>source</c> field and in docs/simulation-calibration.md): <c>liquid</c>,
/// <c>thin</c> and <c>crypto</c>.
/// </summary>
public static class BuiltInProfiles
{
    /// <summary>The built-in names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["liquid", "thin", "crypto"];

    /// <summary>The built-in profile called <paramref name="name"/>, or null when there is none.</summary>
    public static FlowProfile? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name, StringComparer.Ordinal)) return null;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Bookmaker.Venues.Simulated.Flow.Profiles.{name}.json")
            ?? throw new InvalidOperationException($"built-in profile {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return FlowProfile.FromJson(reader.ReadToEnd(), $"built-in profile {name}");
    }
}
