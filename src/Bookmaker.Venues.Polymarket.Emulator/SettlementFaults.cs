using System.Globalization;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// The emulator's settlement faults as the command line writes them: <c>trade.failed=P,trade.retrying=P</c>, each P a
/// probability in [0, 1] drawn per trade, their sum at most 1.
/// </summary>
/// <param name="FailProbability">Probability that a trade FAILS.</param>
/// <param name="RetryProbability">Probability that a trade goes RETRYING and then confirms.</param>
public sealed record SettlementFaults(double FailProbability, double RetryProbability)
{
    /// <summary>No faults.</summary>
    public static SettlementFaults None { get; } = new(0, 0);

    /// <summary>Parses the spec; on failure <paramref name="error"/> names the part and the rule.</summary>
    public static bool TryParse(string? spec, out SettlementFaults faults, out string? error)
    {
        faults = None;
        error = null;
        double failed = 0, retrying = 0;
        foreach (string part in (spec ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? part : part[..eq];
            if (eq < 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || p is < 0 or > 1 || double.IsNaN(p))
            {
                error = $"'{part}': expected name=P with P a probability between 0 and 1";
                return false;
            }

            switch (name)
            {
                case "trade.failed": failed = p; break;
                case "trade.retrying": retrying = p; break;
                default:
                    error = $"'{name}': unknown fault (known: trade.failed, trade.retrying)";
                    return false;
            }
        }

        if (failed + retrying > 1)
        {
            error = "trade.failed + trade.retrying must not exceed 1";
            return false;
        }

        faults = new SettlementFaults(failed, retrying);
        return true;
    }
}
