namespace Bookmaker.Venues.Simulated.Flow;

/// <summary>The profile flow's one seeded random stream and the draws it needs (Poisson counts, normals, exponentials).</summary>
public sealed class FlowRandom
{
    private readonly Random _random;

    /// <summary>Seeds the stream.</summary>
    public FlowRandom(int seed) => _random = new Random(seed);

    /// <summary>Uniform in [0, 1).</summary>
    public double Uniform() => _random.NextDouble();

    /// <summary>Uniform in [a, b).</summary>
    public double Uniform(double a, double b) => a + (b - a) * _random.NextDouble();

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => p > 0 && _random.NextDouble() < p;

    /// <summary>+1 or −1 with equal chance.</summary>
    public int Sign() => _random.Next(2) == 0 ? 1 : -1;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Gaussian()
    {
        double u1 = 1 - _random.NextDouble(), u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Exponential waiting time in seconds for <paramref name="rate"/> per second (huge when the rate is 0).</summary>
    public double Exponential(double rate) => rate <= 0 ? 1e9 : -Math.Log(1 - _random.NextDouble()) / rate;

    /// <summary>Poisson count with mean <paramref name="lambda"/> (small means: Knuth's product method).</summary>
    public int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        double l = Math.Exp(-lambda), p = 1;
        int k = 0;
        do
        {
            k++;
            p *= _random.NextDouble();
        }
        while (p > l && k < 1000);
        return k - 1;
    }

    /// <summary>A draw from a recorded distribution by its quantile function.</summary>
    public double Draw(QuantileDistribution distribution) => distribution.At(_random.NextDouble());
}
