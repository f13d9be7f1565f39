using System.Globalization;

namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>The shape of the probability that a depth decrease happened behind our order.</summary>
public enum QueueProbabilityKind : byte
{
    /// <summary><c>f(back) / (f(back) + f(front))</c>, f(x) = xⁿ.</summary>
    Power,

    /// <summary><c>f(back) / f(back + front)</c>, f(x) = xⁿ.</summary>
    Power2,

    /// <summary><c>1 − f(front / (front + back))</c>, f(x) = xⁿ.</summary>
    Power3,

    /// <summary><c>f(back) / (f(back) + f(front))</c>, f(x) = ln(1 + x).</summary>
    Log,

    /// <summary><c>f(back) / f(back + front)</c>, f(x) = ln(1 + x).</summary>
    Log2,
}

/// <summary>
/// The probability p(front, back) that a size decrease at our level (a cancel) came from behind our order, with the
/// functions of hftbacktest's probabilistic queue model. At the head (front = 0) p = 1; at the tail (back = 0) p = 0.
/// </summary>
/// <param name="Kind">Function family.</param>
/// <param name="N">Exponent for the power family (ignored by the log family).</param>
public readonly record struct QueueProbability(QueueProbabilityKind Kind, double N)
{
    /// <summary>p(front, back) in [0, 1]; quantities in units (model math in doubles).</summary>
    public double Evaluate(double front, double back)
    {
        if (front <= 0) return 1.0;
        if (back <= 0) return 0.0;
        double p = Kind switch
        {
            QueueProbabilityKind.Power => Pow(back) / (Pow(back) + Pow(front)),
            QueueProbabilityKind.Power2 => Pow(back) / Pow(back + front),
            QueueProbabilityKind.Power3 => 1.0 - Pow(front / (front + back)),
            QueueProbabilityKind.Log => Math.Log(1 + back) / (Math.Log(1 + back) + Math.Log(1 + front)),
            QueueProbabilityKind.Log2 => Math.Log(1 + back) / Math.Log(1 + back + front),
            _ => throw new InvalidOperationException($"unknown kind {Kind}"),
        };
        // Overflowing powers give inf/inf = NaN; the queue is then dominated by the larger side.
        if (double.IsNaN(p)) return back >= front ? 1.0 : 0.0;
        return Math.Clamp(p, 0.0, 1.0);
    }

    private double Pow(double x) => Math.Pow(x, N);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        QueueProbabilityKind.Log => "log",
        QueueProbabilityKind.Log2 => "log2",
        _ => $"{Kind.ToString().ToLowerInvariant()}:{N.ToString("R", CultureInfo.InvariantCulture)}",
    };
}
