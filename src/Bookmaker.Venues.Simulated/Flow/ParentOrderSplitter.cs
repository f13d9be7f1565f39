namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>
/// Gives uninformed taker orders their side the way split parent orders do: a parent of a random side is worked as a
/// geometric number of child orders (mean m), one per arrival, so consecutive orders share a side. When parents do not
/// overlap, the lag-1 autocorrelation of the signs is the chance that the next order belongs to the same parent,
/// 1 − 1/m; m is therefore 1 / (1 − ρ) for the profile's ρ.
/// </summary>
public sealed class ParentOrderSplitter
{
    private readonly double _continueProbability;
    private int _sign;

    /// <summary>Splits parents so that the sign autocorrelation is <paramref name="autocorrelation"/> (clamped to [0, 0.95]).</summary>
    public ParentOrderSplitter(double autocorrelation)
    {
        // P(another child) = 1 − 1/m = ρ for a geometric count of mean m = 1/(1 − ρ).
        _continueProbability = Math.Clamp(double.IsFinite(autocorrelation) ? autocorrelation : 0, 0, 0.95);
    }

    /// <summary>Mean children per parent.</summary>
    public double MeanChildren => 1 / (1 - _continueProbability);

    /// <summary>The side (+1 buy, −1 sell) of the next child order.</summary>
    public int NextSign(FlowRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (_sign == 0 || !random.Chance(_continueProbability)) _sign = random.Sign();
        return _sign;
    }
}
