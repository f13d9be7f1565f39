using Bookmaker.Core.Values;

namespace Bookmaker.Core.Instruments;

/// <summary>
/// Static and slowly changing facts about one instrument: precision, tick, size rules, price bounds, fee model and
/// outcome links. The tick can change at run time (Polymarket <c>tick_size_change</c>); only the event loop calls
/// <see cref="ChangeTick"/>, so readers on the loop always see a consistent pair of tick and bounds.
/// </summary>
public sealed class Instrument
{
    /// <summary>Creates an instrument and validates its rules.</summary>
    public Instrument(
        InstrumentId id,
        InstrumentKind kind,
        int priceDecimals,
        Price tickSize,
        Quantity sizeStep,
        Quantity minSize,
        Price minPrice,
        Price maxPrice,
        string feeModel,
        OutcomeLinks? outcome = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(priceDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priceDecimals, FixedPoint.Decimals);
        if (tickSize.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(tickSize), "tick must be positive");
        if (sizeStep.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(sizeStep), "size step must be positive");
        if (minPrice >= maxPrice) throw new ArgumentException("min price must be below max price", nameof(minPrice));
        Id = id;
        Kind = kind;
        PriceDecimals = priceDecimals;
        SizeStep = sizeStep;
        MinSize = minSize;
        FeeModel = feeModel;
        Outcome = outcome;
        ApplyTick(tickSize, minPrice, maxPrice);
    }

    /// <summary>Venue and venue symbol.</summary>
    public InstrumentId Id { get; }

    /// <summary>Contract kind.</summary>
    public InstrumentKind Kind { get; }

    /// <summary>Dense index assigned by the <see cref="InstrumentRegistry"/>; arrays on the hot path are indexed by it.</summary>
    public int Index { get; internal set; } = -1;

    /// <summary>The most decimals a price of this instrument may carry (Polymarket: 3 at tick 0.001; BTCUSDT perp: 1).</summary>
    public int PriceDecimals { get; private set; }

    /// <summary>The current tick size.</summary>
    public Price TickSize { get; private set; }

    /// <summary>Sizes must be multiples of this.</summary>
    public Quantity SizeStep { get; }

    /// <summary>Smallest order size the venue accepts.</summary>
    public Quantity MinSize { get; }

    /// <summary>Lowest valid price (Polymarket: one tick).</summary>
    public Price MinPrice { get; private set; }

    /// <summary>Highest valid price (Polymarket: 1 − tick).</summary>
    public Price MaxPrice { get; private set; }

    /// <summary>Name of the fee model the venue applies (resolved by the engine's fee registry).</summary>
    public string FeeModel { get; }

    /// <summary>Outcome links for prediction-market tokens; null for crypto.</summary>
    public OutcomeLinks? Outcome { get; }

    /// <summary>True for prediction-market outcome tokens (price in 0..1, complement linked).</summary>
    public bool IsOutcomeToken => Kind == InstrumentKind.OutcomeToken;

    /// <summary>
    /// Applies a new tick size. For outcome tokens the bounds follow the tick (tick .. 1 − tick), as on Polymarket;
    /// for other instruments the bounds stay and only the tick changes.
    /// </summary>
    public void ChangeTick(Price newTick)
    {
        if (newTick.Raw <= 0) throw new ArgumentOutOfRangeException(nameof(newTick), "tick must be positive");
        if (IsOutcomeToken) ApplyTick(newTick, newTick, Price.One - newTick);
        else ApplyTick(newTick, MinPrice, MaxPrice);
    }

    private void ApplyTick(Price tick, Price min, Price max)
    {
        TickSize = tick;
        MinPrice = min;
        MaxPrice = max;
        PriceDecimals = Math.Max(PriceDecimals, FixedPoint.SignificantDecimals(tick.Raw));
    }

    /// <summary>True when <paramref name="price"/> is on the tick and inside the bounds.</summary>
    public bool IsValidPrice(Price price) => price >= MinPrice && price <= MaxPrice && price.IsOnTick(TickSize);

    /// <summary>True when <paramref name="size"/> is on the size step and at least the minimum.</summary>
    public bool IsValidSize(Quantity size) => size >= MinSize && size.Raw > 0 && size.IsOnStep(SizeStep);

    /// <summary>
    /// Parses a venue price string exactly and rejects one this instrument cannot represent (too many decimals,
    /// off tick, out of bounds): the venue sent something we do not understand, and guessing would be worse.
    /// </summary>
    public bool TryParsePrice(ReadOnlySpan<byte> utf8, out Price price)
    {
        if (!FixedPoint.TryParse(utf8, out long raw, out int decimals) || decimals > PriceDecimals)
        {
            price = default;
            return false;
        }

        price = new Price(raw);
        return true;
    }

    /// <summary>Parses a venue size string exactly; rejects negative sizes and sizes off the size step.</summary>
    public bool TryParseSize(ReadOnlySpan<byte> utf8, out Quantity size)
    {
        if (!FixedPoint.TryParse(utf8, out long raw, out _) || raw < 0 || raw % SizeStep.Raw != 0)
        {
            size = default;
            return false;
        }

        size = new Quantity(raw);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Id.ToString();

    /// <summary>
    /// A Polymarket outcome token: tick 0.01 or 0.001, bounds tick..1 − tick, sizes in 0.01 shares (min size per
    /// market, 5 by default as Gamma reports it).
    /// </summary>
    public static Instrument PolymarketToken(string tokenId, Price tick, OutcomeLinks links, Quantity? minSize = null, string feeModel = "polymarket") =>
        new(new InstrumentId(VenueNames.Polymarket, tokenId), InstrumentKind.OutcomeToken, 3, tick,
            Quantity.Parse("0.01"), minSize ?? Quantity.FromUnits(5), tick, Price.One - tick, feeModel, links);
}
