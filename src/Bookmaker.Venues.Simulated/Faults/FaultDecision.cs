namespace Bookmaker.Venues.Simulated.Faults;

/// <summary>
/// The injector's verdict for one request or message: <see cref="FaultKind.None"/> or one fault with its parameter.
/// Exactly one of <see cref="Duration"/>, <see cref="Fraction"/> and <see cref="Count"/> is meaningful, by
/// <see cref="FaultSpec.ParameterKindOf"/>.
/// </summary>
/// <param name="Kind">The fault, or None.</param>
/// <param name="Duration">Window, delay or Retry-After for duration faults.</param>
/// <param name="Fraction">Fraction done for <see cref="FaultKind.Partial"/>.</param>
/// <param name="Count">Messages to hold back for <see cref="FaultKind.Reorder"/>.</param>
public readonly record struct FaultDecision(FaultKind Kind, TimeSpan Duration = default, double Fraction = 0, int Count = 0)
{
    /// <summary>Behave normally.</summary>
    public static FaultDecision None => default;

    /// <summary>True when a fault was chosen.</summary>
    public bool IsFault => Kind != FaultKind.None;
}
