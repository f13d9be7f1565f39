using System.Globalization;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// How fast simulated time runs in a paper or backtest run: a positive multiple of wall-clock time (<c>1</c> is real
/// time, <c>10</c> ten times faster) or <see cref="Max"/> (as fast as the machine can go).
/// </summary>
public readonly record struct PaperSpeed
{
    private PaperSpeed(decimal factor) => Factor = factor;

    /// <summary>As fast as possible; no wall-clock pacing.</summary>
    public static PaperSpeed Max => default;

    /// <summary>Real time.</summary>
    public static PaperSpeed RealTime => new(1m);

    /// <summary>Speed-up over wall-clock time; 0 for <see cref="Max"/>.</summary>
    public decimal Factor { get; }

    /// <summary>True when unpaced.</summary>
    public bool IsMax => Factor == 0m;

    /// <summary>A positive multiple of real time.</summary>
    public static PaperSpeed Times(decimal factor) =>
        factor > 0m ? new PaperSpeed(factor) : throw new ArgumentOutOfRangeException(nameof(factor), "must be > 0");

    /// <summary>Parses <c>max</c>, or a positive number optionally followed by <c>x</c> (<c>10</c>, <c>10x</c>, <c>0.5</c>).</summary>
    public static bool TryParse(string? text, out PaperSpeed speed)
    {
        speed = Max;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s.Equals("max", StringComparison.OrdinalIgnoreCase)) return true;
        if (s.EndsWith('x') || s.EndsWith('X')) s = s[..^1];
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal f) || f <= 0m) return false;
        speed = new PaperSpeed(f);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => IsMax ? "max" : Factor.ToString(CultureInfo.InvariantCulture);
}
