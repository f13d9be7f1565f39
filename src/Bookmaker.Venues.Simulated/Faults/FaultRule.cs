using System.Globalization;
using Bookmaker.Venues.Simulated.Latency;

namespace Bookmaker.Venues.Simulated.Faults;

/// <summary>One <c>&lt;endpoint&gt;.&lt;fault&gt;=&lt;probability&gt;[:&lt;param&gt;]</c> entry of a fault spec.</summary>
/// <param name="Endpoint">Where it strikes.</param>
/// <param name="Decision">The fault and its parameter (defaults filled in).</param>
/// <param name="Probability">Chance per request or message, in [0, 1].</param>
public readonly record struct FaultRule(FaultEndpoint Endpoint, FaultDecision Decision, double Probability)
{
    /// <summary>The canonical token, parameter always written, e.g. <c>order.restart=0.01:30s</c>.</summary>
    public override string ToString()
    {
        string head = $"{FaultSpec.EndpointName(Endpoint)}.{FaultSpec.FaultName(Decision.Kind)}={Probability.ToString("R", CultureInfo.InvariantCulture)}";
        return FaultSpec.ParameterKindOf(Decision.Kind) switch
        {
            FaultParameterKind.Duration => head + ":" + SpecDuration.Format(Decision.Duration),
            FaultParameterKind.Fraction => head + ":" + Decision.Fraction.ToString("R", CultureInfo.InvariantCulture),
            FaultParameterKind.Count => head + ":" + Decision.Count.ToString(CultureInfo.InvariantCulture),
            _ => head,
        };
    }
}
