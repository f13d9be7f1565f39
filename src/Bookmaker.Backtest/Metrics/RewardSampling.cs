using Bookmaker.Core.Books;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;

namespace Bookmaker.Backtest.Metrics;

/// <summary>One minute's reward sample of one market: the adjusted midpoint, our scores, the book's, our share.</summary>
/// <param name="HasMidpoint">False when a side of the book has no level of at least the minimum size: nothing scores.</param>
/// <param name="Midpoint">The size-cutoff-adjusted midpoint (YES view), NaN without one.</param>
/// <param name="Ours">Our resting orders' Q_one, Q_two and Q_min.</param>
/// <param name="Book">The recorded book's (everyone else's) Q_one, Q_two and Q_min.</param>
/// <param name="Share">Ours / (book + ours) of Q_min; 0 when nobody scores.</param>
public readonly record struct RewardSample(bool HasMidpoint, double Midpoint, RewardScore Ours, RewardScore Book, double Share)
{
    /// <summary>True when an order of ours scored on at least one side (Q_one or Q_two &gt; 0).</summary>
    public bool AnySide => Ours.QOne > 0 || Ours.QTwo > 0;

    /// <summary>True when orders of ours scored on both sides.</summary>
    public bool BothSides => Ours.QOne > 0 && Ours.QTwo > 0;
}

/// <summary>
/// The backtest's model of a liquidity-reward sample (polymarket-api.md §7.1). The replayed book holds the other makers'
/// liquidity and never ours (our orders do not enter it), so the market's total score is the book's Q_min plus ours.
/// Each recorded level is scored as one order: a level made of orders below the minimum size is counted as if it
/// scored, and the book's Q_min is taken over all other makers together — both overstate the competition, so the share
/// errs low. Model math in doubles; the money it turns into is rounded to the raw unit by <see cref="RewardRaw"/>.
/// </summary>
public static class RewardSampling
{
    /// <summary>Samples per day (one a minute), the divisor of the daily pool.</summary>
    public const int SamplesPerDay = 1440;

    /// <summary>
    /// Scores our orders and the book's levels (YES view, best first) around the book's size-cutoff-adjusted midpoint.
    /// </summary>
    public static RewardSample Sample(RewardParameters parameters, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks, ReadOnlySpan<RewardOrder> ours)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!RewardScorer.TryAdjustedMidpoint(bids, asks, parameters.MinSize, out double mid)) return new RewardSample(false, double.NaN, default, default, 0);
        var our = RewardScorer.Score(parameters, mid, ours);
        double qOne = 0, qTwo = 0;
        foreach (var l in bids) qOne += RewardScorer.OrderScore(parameters, RewardScorer.SpreadCents(l.Price, mid), l.Size);
        foreach (var l in asks) qTwo += RewardScorer.OrderScore(parameters, RewardScorer.SpreadCents(l.Price, mid), l.Size);
        var book = new RewardScore(qOne, qTwo, RewardScorer.QMin(parameters, mid, qOne, qTwo));
        double total = book.QMin + our.QMin;
        return new RewardSample(true, mid, our, book, total > 0 ? our.QMin / total : 0);
    }

    /// <summary>
    /// One sample's estimated reward, share × daily pool / 1,440, rounded half-to-even to the raw money unit (1e-9), so
    /// the sum over samples is exact and the same every run.
    /// </summary>
    public static long RewardRaw(double share, Money dailyRate)
    {
        if (!(share > 0)) return 0;
        return checked((long)Math.Round(share * dailyRate.Raw / SamplesPerDay, MidpointRounding.ToEven));
    }
}
