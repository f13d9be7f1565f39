using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking;

/// <summary>Options of <see cref="QuoteReconciler"/>.</summary>
/// <param name="PriceToleranceTicks">N: a resting order within N ticks of a desired price may be kept (default 0: exact price).</param>
/// <param name="SizeTolerancePercent">X: a resting order whose size is within X % of the desired size may be kept (default 10).</param>
/// <param name="YoungPriceToleranceTicks">
/// Y: a resting order still younger than the venue's minimum order age for reward scoring may be kept within
/// max(N, Y) ticks, so a small price change does not reset its age before it ever scores (default 0: no difference).
/// </param>
public sealed record QuoteReconcilerOptions(int PriceToleranceTicks = 0, double SizeTolerancePercent = 10.0, int YoungPriceToleranceTicks = 0)
{
    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, PriceToleranceTicks is >= 0 and <= 100, "mm.reconcile.priceToleranceTicks", OptionError.Text(PriceToleranceTicks), "must be in [0, 100]");
        OptionError.Check(errors, YoungPriceToleranceTicks is >= 0 and <= 100, "mm.reconcile.youngPriceToleranceTicks", OptionError.Text(YoungPriceToleranceTicks), "must be in [0, 100]");
        OptionError.Check(errors, double.IsFinite(SizeTolerancePercent) && SizeTolerancePercent is >= 0 and <= 100, "mm.reconcile.sizeTolerancePercent", OptionError.Text(SizeTolerancePercent), "must be in [0, 100]");
        return errors;
    }
}

/// <summary>A quote the strategy wants resting.</summary>
/// <param name="Side">Side.</param>
/// <param name="Price">Price.</param>
/// <param name="Size">Size.</param>
public readonly record struct DesiredQuote(Side Side, Price Price, Quantity Size);

/// <summary>A quote already resting (or in flight) at the venue.</summary>
/// <param name="Id">Our client order id.</param>
/// <param name="Side">Side.</param>
/// <param name="Price">Price.</param>
/// <param name="Size">Remaining size.</param>
/// <param name="Young">True while the order is younger than the venue's minimum order age for reward scoring.</param>
public readonly record struct RestingQuote(ClientOrderId Id, Side Side, Price Price, Quantity Size, bool Young = false);

/// <summary>What reconciliation decided.</summary>
/// <param name="Cancels">Entries written to the cancel buffer.</param>
/// <param name="Places">Entries written to the place buffer.</param>
/// <param name="Kept">Resting orders kept as they are.</param>
/// <param name="RequestsSaved">Requests avoided versus cancel-all/replace-all: 2 per kept order (one cancel, one new).</param>
public readonly record struct ReconcileResult(int Cancels, int Places, int Kept, int RequestsSaved);

/// <summary>
/// Smart reconciliation of desired quotes against resting orders: keep what is close enough (preserving queue
/// priority), cancel the rest, place what is missing.
/// </summary>
/// <remarks>
/// <para>For each desired quote in order, the closest unused resting order of the same side is kept when
/// |Δprice| ≤ N·tick (max(N, Y)·tick for a young order) and |Δsize| ≤ X % × desired size (closest price first, then
/// closest size). Unmatched resting
/// orders are cancelled; unmatched desired quotes are placed. The host sends cancels before places.</para>
/// Allocation free: the caller supplies the output buffers; a scratch mark per resting order lives on the stack
/// (at most <see cref="MaxResting"/> resting orders).
/// </remarks>
public sealed class QuoteReconciler
{
    /// <summary>The most resting orders one call handles.</summary>
    public const int MaxResting = 256;

    private readonly int _priceTicks;
    private readonly int _youngPriceTicks;
    private readonly double _sizeFraction;

    /// <summary>Creates a reconciler; <paramref name="options"/> must be valid.</summary>
    public QuoteReconciler(QuoteReconcilerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate().Count > 0) throw new ArgumentException("invalid reconciler options", nameof(options));
        _priceTicks = options.PriceToleranceTicks;
        _youngPriceTicks = Math.Max(options.PriceToleranceTicks, options.YoungPriceToleranceTicks);
        _sizeFraction = options.SizeTolerancePercent / 100.0;
    }

    /// <summary>
    /// Reconciles. <paramref name="cancels"/> must hold resting.Length entries and <paramref name="places"/>
    /// desired.Length entries.
    /// </summary>
    public ReconcileResult Reconcile(
        ReadOnlySpan<DesiredQuote> desired, ReadOnlySpan<RestingQuote> resting, Price tick,
        Span<ClientOrderId> cancels, Span<DesiredQuote> places)
    {
        if (resting.Length > MaxResting) throw new ArgumentException($"at most {MaxResting} resting orders", nameof(resting));
        if (cancels.Length < resting.Length) throw new ArgumentException("cancel buffer too small", nameof(cancels));
        if (places.Length < desired.Length) throw new ArgumentException("place buffer too small", nameof(places));
        Span<bool> used = stackalloc bool[MaxResting];
        used = used[..resting.Length];
        used.Clear();
        long priceTol = checked(_priceTicks * tick.Raw);
        long youngTol = checked(_youngPriceTicks * tick.Raw);

        int placed = 0, kept = 0;
        foreach (var d in desired)
        {
            long sizeTol = (long)(d.Size.Raw * _sizeFraction);
            int best = -1;
            long bestDp = long.MaxValue, bestDs = long.MaxValue;
            for (int j = 0; j < resting.Length; j++)
            {
                if (used[j]) continue;
                var r = resting[j];
                if (r.Side != d.Side) continue;
                long dp = Math.Abs(r.Price.Raw - d.Price.Raw);
                long ds = Math.Abs(r.Size.Raw - d.Size.Raw);
                if (dp > (r.Young ? youngTol : priceTol) || ds > sizeTol) continue;
                if (dp < bestDp || (dp == bestDp && ds < bestDs))
                {
                    best = j;
                    bestDp = dp;
                    bestDs = ds;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                kept++;
            }
            else
            {
                places[placed++] = d;
            }
        }

        int cancelled = 0;
        for (int j = 0; j < resting.Length; j++)
        {
            if (!used[j]) cancels[cancelled++] = resting[j].Id;
        }

        return new ReconcileResult(cancelled, placed, kept, 2 * kept);
    }
}
