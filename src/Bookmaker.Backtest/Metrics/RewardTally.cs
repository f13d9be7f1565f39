using Bookmaker.Backtest.Inputs;

namespace Bookmaker.Backtest.Metrics;

/// <summary>
/// What the reward sampler counts for one rewarded market over a run: samples, the samples in which our orders scored on
/// any side and on both, the sums of our share and of both Q_min (for means), and the estimated rewards (raw money,
/// summed exactly from per-sample amounts already rounded to the raw unit).
/// </summary>
public sealed class RewardTally(string key, RewardTerms terms)
{
    /// <summary>The market's key, as in <see cref="MarketTally.Key"/>.</summary>
    public string Key { get; } = key;

    /// <summary>The market's reward terms.</summary>
    public RewardTerms Terms { get; } = terms;

    /// <summary>Samples taken (one a minute of simulated time).</summary>
    public long Samples { get; private set; }

    /// <summary>Samples in which the book had no adjusted midpoint (a side without a level of the minimum size).</summary>
    public long SamplesWithoutMidpoint { get; private set; }

    /// <summary>Samples in which an order of ours scored on at least one side.</summary>
    public long SamplesAnySide { get; private set; }

    /// <summary>Samples in which orders of ours scored on both sides.</summary>
    public long SamplesBothSides { get; private set; }

    /// <summary>Σ of our share over samples.</summary>
    public double ShareSum { get; private set; }

    /// <summary>Σ of our Q_min over samples.</summary>
    public double OurQMinSum { get; private set; }

    /// <summary>Σ of the book's Q_min over samples.</summary>
    public double BookQMinSum { get; private set; }

    /// <summary>Estimated rewards (raw money).</summary>
    public long EstimatedRaw { get; private set; }

    /// <summary>Counts one sample.</summary>
    public void Add(in RewardSample sample)
    {
        Samples++;
        if (!sample.HasMidpoint) SamplesWithoutMidpoint++;
        if (sample.AnySide) SamplesAnySide++;
        if (sample.BothSides) SamplesBothSides++;
        ShareSum += sample.Share;
        OurQMinSum += sample.Ours.QMin;
        BookQMinSum += sample.Book.QMin;
        EstimatedRaw = checked(EstimatedRaw + RewardSampling.RewardRaw(sample.Share, Terms.DailyRate));
    }
}
