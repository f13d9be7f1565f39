using System.Globalization;

namespace Bookmaker.Venues.Simulated.Latency;

/// <summary>
/// The three delays of a simulated venue, as hftbacktest separates them: <see cref="Feed"/> (venue event → the strategy
/// sees it), <see cref="Entry"/> (our request → the matching engine) and <see cref="Response"/> (matching engine → our
/// report; fills and acks travel this way). Written as a compact spec, e.g.
/// <c>feed=const:5ms,entry=lognormal:20ms:0.5,response=uniform:5ms:15ms</c>; channels left out are zero.
/// </summary>
/// <param name="Feed">Market-data delay.</param>
/// <param name="Entry">Order-entry delay.</param>
/// <param name="Response">Response / execution-report delay.</param>
public sealed record LatencyProfile(ILatencyModel Feed, ILatencyModel Entry, ILatencyModel Response)
{
    /// <summary>No delay on any channel.</summary>
    public static LatencyProfile Zero { get; } = new(ConstantLatency.Zero, ConstantLatency.Zero, ConstantLatency.Zero);

    /// <summary>Grammar of one model, for help and error text.</summary>
    public const string ModelSyntax =
        "const:<d> | uniform:<min>:<max> | lognormal:<median>:<sigma> | empirical:<d>|<d>|... (durations like 250us, 5ms, 1.5s)";

    /// <summary>Parses a profile spec; throws <see cref="FormatException"/> naming the bad token.</summary>
    public static LatencyProfile Parse(string spec) =>
        TryParse(spec, out var profile, out string? error) ? profile : throw new FormatException(error);

    /// <summary>Parses a profile spec; on failure <paramref name="error"/> names the token and the rule.</summary>
    public static bool TryParse(string? spec, out LatencyProfile profile, out string? error)
    {
        profile = Zero;
        error = null;
        if (spec is null) { error = "latency spec is missing"; return false; }
        ILatencyModel? feed = null, entry = null, response = null;
        foreach (string rawPart in spec.Split(',', StringSplitOptions.TrimEntries))
        {
            if (rawPart.Length == 0) continue;
            int eq = rawPart.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) { error = $"latency token '{rawPart}': expected <channel>=<model> with channel feed, entry or response"; return false; }
            string channel = rawPart[..eq].Trim();
            if (!TryParseModel(rawPart[(eq + 1)..], out var model, out string? modelError))
            {
                error = $"latency token '{rawPart}': {modelError}";
                return false;
            }

            ref ILatencyModel? slot = ref feed;
            switch (channel)
            {
                case "feed": slot = ref feed; break;
                case "entry": slot = ref entry; break;
                case "response": slot = ref response; break;
                default: error = $"latency token '{rawPart}': unknown channel '{channel}' (expected feed, entry or response)"; return false;
            }

            if (slot is not null) { error = $"latency token '{rawPart}': channel '{channel}' is given twice"; return false; }
            slot = model;
        }

        profile = new LatencyProfile(feed ?? ConstantLatency.Zero, entry ?? ConstantLatency.Zero, response ?? ConstantLatency.Zero);
        return true;
    }

    /// <summary>Parses one model spec such as <c>lognormal:20ms:0.5</c>; throws <see cref="FormatException"/>.</summary>
    public static ILatencyModel ParseModel(string spec) =>
        TryParseModel(spec, out var model, out string? error) ? model! : throw new FormatException($"latency model '{spec}': {error}");

    /// <summary>Parses one model spec; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParseModel(string? spec, out ILatencyModel model, out string? error)
    {
        model = ConstantLatency.Zero;
        error = null;
        string[] p = (spec ?? "").Trim().Split(':');
        string kind = p[0];
        switch (kind)
        {
            case "const":
                if (p.Length != 2) return Fail(out error, "const takes one duration, e.g. const:5ms");
                if (!Duration(p[1], out var c, out error)) return false;
                model = new ConstantLatency(c);
                return true;
            case "uniform":
                if (p.Length != 3) return Fail(out error, "uniform takes two durations, e.g. uniform:5ms:15ms");
                if (!Duration(p[1], out var lo, out error) || !Duration(p[2], out var hi, out error)) return false;
                if (hi < lo) return Fail(out error, $"uniform max '{p[2]}' is below min '{p[1]}'");
                model = new UniformLatency(lo, hi);
                return true;
            case "lognormal":
                if (p.Length != 3) return Fail(out error, "lognormal takes a median and a sigma, e.g. lognormal:20ms:0.5");
                if (!Duration(p[1], out var median, out error)) return false;
                if (!double.TryParse(p[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double sigma) || !double.IsFinite(sigma) || sigma < 0)
                    return Fail(out error, $"sigma '{p[2]}' must be a number >= 0");
                model = new LogNormalLatency(median, sigma);
                return true;
            case "empirical":
                if (p.Length != 2 || p[1].Length == 0) return Fail(out error, "empirical takes samples separated by '|', e.g. empirical:4ms|6ms|30ms");
                var samples = new List<TimeSpan>();
                foreach (string s in p[1].Split('|'))
                {
                    if (!Duration(s, out var d, out error)) return false;
                    samples.Add(d);
                }

                model = new EmpiricalLatency(samples);
                return true;
            default:
                return Fail(out error, $"unknown model '{kind}' (expected {ModelSyntax})");
        }
    }

    /// <summary>Three FIFO channels with independent streams derived from <paramref name="seed"/>.</summary>
    public (LatencyChannel Feed, LatencyChannel Entry, LatencyChannel Response) CreateChannels(int seed) =>
        (new LatencyChannel(Feed, DeriveSeed(seed, 1)), new LatencyChannel(Entry, DeriveSeed(seed, 2)), new LatencyChannel(Response, DeriveSeed(seed, 3)));

    /// <summary>The canonical spec, which <see cref="Parse"/> reads back to an equivalent profile.</summary>
    public override string ToString() => $"feed={Feed},entry={Entry},response={Response}";

    /// <summary>A per-stream seed so channels (and fault endpoints) do not share a random sequence.</summary>
    internal static int DeriveSeed(int seed, int stream) => unchecked((seed * 1_000_003) ^ (stream * 0x5bd1e995));

    private static bool Duration(string text, out TimeSpan d, out string? error)
    {
        error = null;
        if (SpecDuration.TryParse(text, out d)) return true;
        error = $"'{text}' is not a duration (a non-negative number with unit us, ms, s, m or h, e.g. 5ms)";
        return false;
    }

    private static bool Fail(out string? error, string message)
    {
        error = message;
        return false;
    }
}
