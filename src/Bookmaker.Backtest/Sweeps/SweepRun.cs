using System.Security.Cryptography;
using System.Text;

namespace Bookmaker.Backtest.Sweeps;

/// <summary>
/// One point of a sweep's grid: its index in the grid (the order <see cref="SweepGrid.Expand"/> gives), its
/// parameters (grid key → value, in the order of the <c>--grid</c> flags) and its <see cref="Id"/>.
/// </summary>
/// <param name="Index">0-based position in the whole grid; shards split on it.</param>
/// <param name="Parameters">Key → value, in grid order.</param>
public sealed record SweepRun(int Index, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    private const int MaxSlug = 64;

    /// <summary>
    /// The run's directory name under <c>runs/</c>, derived from the parameter values only (never from the index, the
    /// machine or the time), so every machine and every later sweep names the same run the same way: a readable slug
    /// (last key segment, lower case, and value, e.g. <c>gamma-5_minspread-0.02</c>, at most 64 characters) and the first
    /// 8 hex digits of SHA-256 over the exact <c>key=value</c> lines, which tells apart runs whose slugs collide.
    /// </summary>
    public string Id => IdOf(Parameters);

    /// <summary>The id of a parameter set (see <see cref="Id"/>).</summary>
    public static string IdOf(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var slug = new StringBuilder();
        var canonical = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            if (slug.Length > 0) slug.Append('_');
            string name = key[(key.LastIndexOf(':') + 1)..].ToLowerInvariant();
            slug.Append(Clean(name)).Append('-').Append(Clean(value));
            canonical.Append(key).Append('=').Append(value).Append('\n');
        }

        string s = slug.Length > MaxSlug ? slug.ToString(0, MaxSlug) : slug.ToString();
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..8];
        return s + "-" + hash;
    }

    // Letters, digits, '.' and '-' stay; anything else (':', '/', spaces, '=') becomes '_' so the id is a safe file name.
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        return sb.ToString();
    }
}
