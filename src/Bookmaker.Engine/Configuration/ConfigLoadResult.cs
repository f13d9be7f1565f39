namespace Bookmaker.Engine.Configuration;

/// <summary>Outcome of <see cref="ConfigLoader.Load"/>.</summary>
/// <param name="Effective">Merged keys with provenance; null only when a layer could not be read at all.</param>
/// <param name="Options">Typed options; null when there is any error.</param>
/// <param name="Errors">Every problem found (empty on success).</param>
public sealed record ConfigLoadResult(EffectiveConfig? Effective, BookmakerOptions? Options, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>True when the configuration is complete and valid.</summary>
    public bool Succeeded => Errors.Count == 0 && Options is not null;

    /// <summary>
    /// Things that do not stop a start but that the operator should fix, one line each (e.g. a <c>BOOKMAKER_</c>
    /// variable no layer reads, a secret file others may read). Never contains a secret's value.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
