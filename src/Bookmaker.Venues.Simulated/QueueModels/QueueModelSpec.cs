using System.Globalization;

namespace Bookmaker.Venues.Simulated.QueueModels;

/// <summary>
/// Reads a queue model from config: <c>risk_averse</c>, <c>power[:n]</c>, <c>power2[:n]</c>, <c>power3[:n]</c>
/// (n &gt; 0, default 2), <c>log</c>, <c>log2</c>. <see cref="IQueueModel.ToString"/> writes the canonical form back.
/// </summary>
public static class QueueModelSpec
{
    /// <summary>The accepted names, for help and error text.</summary>
    public const string Syntax = "risk_averse | power[:n] | power2[:n] | power3[:n] | log | log2 (n > 0, default 2)";

    /// <summary>Parses; throws <see cref="FormatException"/> naming the bad value.</summary>
    public static IQueueModel Parse(string spec) =>
        TryParse(spec, out var model, out string? error) ? model : throw new FormatException(error);

    /// <summary>Parses; on failure <paramref name="error"/> names the value and the accepted forms.</summary>
    public static bool TryParse(string? spec, out IQueueModel model, out string? error)
    {
        model = RiskAverseQueueModel.Instance;
        error = null;
        string text = (spec ?? "").Trim();
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? text : text[..colon];
        string? arg = colon < 0 ? null : text[(colon + 1)..];
        QueueProbabilityKind kind;
        switch (name)
        {
            case "risk_averse" when arg is null:
                return true;
            case "power": kind = QueueProbabilityKind.Power; break;
            case "power2": kind = QueueProbabilityKind.Power2; break;
            case "power3": kind = QueueProbabilityKind.Power3; break;
            case "log" when arg is null: kind = QueueProbabilityKind.Log; break;
            case "log2" when arg is null: kind = QueueProbabilityKind.Log2; break;
            default:
                error = $"queue model '{spec}' is not recognised (expected {Syntax})";
                return false;
        }

        double n = 2;
        if (arg is not null && (!double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out n) || !double.IsFinite(n) || n <= 0))
        {
            error = $"queue model '{spec}': exponent '{arg}' must be a number > 0";
            return false;
        }

        model = new ProbabilisticQueueModel(new QueueProbability(kind, n));
        return true;
    }
}
