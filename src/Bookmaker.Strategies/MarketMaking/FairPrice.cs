namespace Bookmaker.Strategies.MarketMaking;

/// <summary>Options of <see cref="FairPrice"/>.</summary>
/// <param name="ExternalWeight">
/// Weight w ∈ [0, 1] of an external reference price (another venue, a model) in the blend
/// fair = (1 − w)·micro + w·external. 0 (default) ignores the reference.
/// </param>
public sealed record FairPriceOptions(double ExternalWeight = 0.0)
{
    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, double.IsFinite(ExternalWeight) && ExternalWeight is >= 0 and <= 1,
            "mm.fair.externalWeight", OptionError.Text(ExternalWeight), "must be in [0, 1]");
        return errors;
    }
}

/// <summary>
/// The fair price s the market maker quotes around.
/// </summary>
/// <remarks>
/// <para>Micro-price (volume-weighted top of book): s = (bid·askSize + ask·bidSize) / (bidSize + askSize). A heavy
/// bid (large bidSize) pulls s toward the ask, because the ask is the side more likely to trade next.</para>
/// <para>Fallbacks: both prices present but a size is zero ⇒ mid = (bid + ask)/2. A side without a price ⇒ the book
/// says nothing about fair value: the external reference is used if given, otherwise there is no fair price.</para>
/// <para>Blend: with a finite external reference e and weight w, fair = (1 − w)·s + w·e.</para>
/// Pure and allocation free.
/// </remarks>
public static class FairPrice
{
    /// <summary>The micro-price of <paramref name="top"/>, or the mid when a size is zero; false when a side is empty.</summary>
    public static bool TryMicroPrice(in BookTop top, out double micro)
    {
        if (!top.IsTwoSided)
        {
            micro = double.NaN;
            return false;
        }

        double bid = top.BestBid.ToDouble();
        double ask = top.BestAsk.ToDouble();
        double bs = top.BidSize.ToDouble();
        double asz = top.AskSize.ToDouble();
        micro = bs > 0 && asz > 0 ? (bid * asz + ask * bs) / (bs + asz) : (bid + ask) * 0.5;
        return true;
    }

    /// <summary>
    /// The fair price: micro-price blended with <paramref name="externalReference"/> (NaN = none) by
    /// <see cref="FairPriceOptions.ExternalWeight"/>. False when neither the book nor the reference gives a price.
    /// </summary>
    public static bool TryCompute(in BookTop top, FairPriceOptions options, double externalReference, out double fair)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool hasExternal = double.IsFinite(externalReference) && externalReference > 0;
        if (!TryMicroPrice(top, out double micro))
        {
            fair = hasExternal ? externalReference : double.NaN;
            return hasExternal;
        }

        double w = options.ExternalWeight;
        fair = hasExternal && w > 0 ? (1 - w) * micro + w * externalReference : micro;
        return true;
    }
}
