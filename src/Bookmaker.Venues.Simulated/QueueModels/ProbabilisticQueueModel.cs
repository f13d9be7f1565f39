using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// hftbacktest's probabilistic queue model (config <c>power:2</c>, <c>power2:2</c>, <c>power3:3</c>, <c>log</c>,
/// <c>log2</c>). Trades at our price advance us exactly. On a depth decrease the part not explained by trades,
/// <c>chg = prev − new − traded_since_last_depth_change</c>, is split by p = prob(front, back), the probability that
/// the decrease came from behind us:
/// <c>est_front = front − (1 − p)·chg + min(back − p·chg, 0)</c>, then capped at the new level size. Increases only cap.
/// Two deliberate choices, documented in docs/simulation-realism.md: back is measured after the trades already seen
/// (<c>back = prev − traded − front</c>, not <c>prev − front</c>, which would count traded volume as behind us), and a
/// depth decrease alone never takes the estimate below zero — a cancel moves us to the head of the queue but only a
/// trade fills us. The estimate is rounded UP to the 1e-9 unit so model arithmetic never moves us forward.
/// </summary>
public sealed class ProbabilisticQueueModel : IQueueModel
{
    /// <summary>A model with the given probability function.</summary>
    public ProbabilisticQueueModel(QueueProbability probability)
    {
        if (probability.Kind is QueueProbabilityKind.Power or QueueProbabilityKind.Power2 or QueueProbabilityKind.Power3
            && (!double.IsFinite(probability.N) || probability.N <= 0))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "the power exponent must be finite and > 0");
        Probability = probability;
    }

    /// <summary>The probability function.</summary>
    public QueueProbability Probability { get; }

    /// <inheritdoc />
    public void OnNewOrder(ref QueuePosition position, Quantity levelSize)
    {
        position.Front = levelSize;
        position.TradedSinceDepthChange = Quantity.Zero;
    }

    /// <inheritdoc />
    public void OnTrade(ref QueuePosition position, Quantity tradeSize)
    {
        position.Front -= tradeSize;
        position.TradedSinceDepthChange += tradeSize;
    }

    /// <inheritdoc />
    public void OnDepthChange(ref QueuePosition position, Quantity previousSize, Quantity newSize)
    {
        long traded = position.TradedSinceDepthChange.Raw;
        position.TradedSinceDepthChange = Quantity.Zero;
        long front = position.Front.Raw;
        long chg = previousSize.Raw - newSize.Raw - traded;
        if (chg <= 0 || front <= 0)
        {
            // Growth, a change fully explained by trades, or an order already reached: nothing to split.
            position.Front = new Quantity(Math.Min(front, newSize.Raw));
            return;
        }

        long back = Math.Max(0, previousSize.Raw - traded - front);
        const double scale = Core.Values.FixedPoint.Scale;
        double f = front / scale, b = back / scale, c = chg / scale;
        double p = Probability.Evaluate(f, b);
        double est = f - (1.0 - p) * c + Math.Min(b - p * c, 0.0);
        long estRaw = (long)Math.Ceiling(est * scale);
        position.Front = new Quantity(Math.Clamp(estRaw, 0, Math.Min(front, newSize.Raw)));
    }

    /// <inheritdoc />
    public override string ToString() => Probability.ToString();
}
