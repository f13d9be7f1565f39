namespace Bookmaker.Engine.Configuration;

/// <summary>
/// One configuration problem, named the way an operator needs it to fix the problem: the key, the value as seen
/// (already redacted to <c>***</c> for secret keys), the rule it broke and the layer that supplied it.
/// </summary>
/// <param name="Key">Canonical key, e.g. <c>Risk:DailyLossLimit</c>, or a flag such as <c>--profile</c>.</param>
/// <param name="Value">The offending value; <c>***</c> when the key is secret. Never a secret's clear text.</param>
/// <param name="Rule">The rule in words, e.g. <c>must be &gt; 0</c>.</param>
/// <param name="Source">The winning layer, e.g. <c>env:BOOKMAKER__Risk__DailyLossLimit</c>.</param>
public sealed record ConfigError(string Key, string Value, string Rule, string Source)
{
    /// <summary>The one-line form the CLI prints: <c>config error: K = 'v' (from source): rule</c>.</summary>
    public override string ToString() => $"config error: {Key} = '{Value}' (from {Source}): {Rule}";
}
