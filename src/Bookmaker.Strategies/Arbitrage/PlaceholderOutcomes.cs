namespace Bookmaker.Strategies.Arbitrage;

/// <summary>
/// Recognises the placeholder and catch-all outcomes of Polymarket's augmented neg-risk events ("Other", "Person X",
/// …). Buying "one YES of every named outcome" is only a complete set when the named outcomes cover every possible
/// result; an event with an "Other" whose definition shifts as placeholders are clarified does not guarantee that
/// (reference §8.1: "Only trade on named outcomes"), so such events are skipped by default.
/// </summary>
public static class PlaceholderOutcomes
{
    private static readonly string[] CatchAll = ["other", "others", "another", "field", "the field", "any other", "someone else", "anyone else"];

    private static readonly string[] PlaceholderNouns =
        ["person", "player", "candidate", "team", "option", "company", "country", "party", "nominee", "individual", "outcome"];

    /// <summary>
    /// True for an empty name, a catch-all ("Other", "Another", "Field", "Other candidate", …) or a lettered or
    /// numbered stand-in ("Person X", "Player A", "Candidate 3").
    /// </summary>
    public static bool IsPlaceholder(string? outcomeName)
    {
        if (string.IsNullOrWhiteSpace(outcomeName)) return true;
        ReadOnlySpan<char> name = outcomeName.AsSpan().Trim();
        foreach (string c in CatchAll)
        {
            if (name.Equals(c, StringComparison.OrdinalIgnoreCase)) return true;
        }

        if (name.StartsWith("other ", StringComparison.OrdinalIgnoreCase)) return true;

        int space = name.LastIndexOf(' ');
        if (space > 0)
        {
            ReadOnlySpan<char> noun = name[..space].TrimEnd();
            ReadOnlySpan<char> tag = name[(space + 1)..];
            bool shortTag = tag.Length == 1 ? char.IsAsciiLetter(tag[0]) || char.IsAsciiDigit(tag[0]) : IsAllDigits(tag);
            if (shortTag)
            {
                foreach (string n in PlaceholderNouns)
                {
                    if (noun.Equals(n, StringComparison.OrdinalIgnoreCase)) return true;
                }
            }
        }

        return false;
    }

    private static bool IsAllDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > 3) return false;
        foreach (char ch in s)
        {
            if (!char.IsAsciiDigit(ch)) return false;
        }

        return true;
    }
}
