using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// Adapts the engine's <see cref="PolymarketFeeModel"/> (<c>Core/Fees</c>) to the scanner's <see cref="ILegFeeModel"/>,
/// so the scanner, the executor's repair policy and the simulated venue charge one and the same fee: the taker fee is
/// the Core model's own (floored to 5 decimals), and the per-share bound is its unrounded per-share fee rounded up to
/// 1e-18 (so <c>fee(s) = floor(s × perShare) ≤ s × bound</c> for every size).
/// </summary>
/// <remarks>Not thread-safe (the Core model memoises), like everything on the event loop.</remarks>
public sealed class CoreLegFeeModel : ILegFeeModel
{
    private const long TableStepRaw = 100_000; // 0.0001: the finest Polymarket tick
    private const decimal Atto = 1_000_000_000_000_000_000m;

    private readonly PolymarketFeeModel _model;
    private readonly long[] _bounds = new long[FixedPoint.Scale / TableStepRaw + 1];
    private readonly bool[] _computed = new bool[FixedPoint.Scale / TableStepRaw + 1];

    /// <summary>Wraps <paramref name="model"/>.</summary>
    public CoreLegFeeModel(PolymarketFeeModel model) => _model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>The wrapped Core model.</summary>
    public PolymarketFeeModel Model => _model;

    /// <inheritdoc />
    public Money TakerFee(Price price, Quantity shares) => _model.TakerFee(price, shares);

    /// <inheritdoc />
    public long FeePerShareBound(Price price)
    {
        long p = Math.Clamp(price.Raw, 0, FixedPoint.Scale);
        if (p % TableStepRaw != 0) return Compute(new Price(p));
        int i = (int)(p / TableStepRaw);
        if (!_computed[i])
        {
            _bounds[i] = Compute(new Price(p));
            _computed[i] = true;
        }

        return _bounds[i];
    }

    private long Compute(Price price) => decimal.ToInt64(decimal.Ceiling(_model.FeePerShare(price) * Atto));
}

/// <summary>Maps the engine's fee models onto the scanner's leg fee abstraction.</summary>
public static class LegFees
{
    /// <summary>
    /// The leg fee of a Core fee model: <see cref="PolymarketFeeModel"/> is adapted, <see cref="ZeroFeeModel"/> is
    /// <see cref="NoLegFee"/>; anything else is refused (a basket must never be priced with a guessed fee).
    /// </summary>
    public static ILegFeeModel From(IFeeModel model) => model switch
    {
        PolymarketFeeModel p => new CoreLegFeeModel(p),
        ZeroFeeModel => NoLegFee.Instance,
        null => throw new ArgumentNullException(nameof(model)),
        _ => throw new NotSupportedException($"no leg fee adapter for {model.GetType().Name}"),
    };

    /// <summary>A resolver that gives every instrument the leg fee of <paramref name="modelOf"/>, one adapter per Core model.</summary>
    public static Func<Instrument, ILegFeeModel> Resolver(Func<Instrument, IFeeModel> modelOf)
    {
        ArgumentNullException.ThrowIfNull(modelOf);
        var cache = new Dictionary<IFeeModel, ILegFeeModel>(ReferenceEqualityComparer.Instance);
        return instrument =>
        {
            var m = modelOf(instrument);
            if (!cache.TryGetValue(m, out var leg)) cache[m] = leg = From(m);
            return leg;
        };
    }
}
