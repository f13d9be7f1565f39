using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Adapter;

namespace Bookmaker.Venues.Simulated.Synthetic;

/// <summary>Fee schedule of synthetic markets.</summary>
public enum SyntheticFees : byte
{
    /// <summary>No fees (most Polymarket markets).</summary>
    Zero,

    /// <summary>Polymarket crypto-style taker fee r = 0.25, exponent 2, 20 % maker rebate.</summary>
    Crypto,
}

/// <summary>Markets, agent parameters and neg-risk events of a synthetic run.</summary>
/// <param name="Markets">Markets in engine order.</param>
/// <param name="Parameters">Agent parameters, one per market.</param>
/// <param name="Events">Neg-risk events over those markets.</param>
public sealed record SyntheticScenario(IReadOnlyList<SimulatedMarket> Markets, IReadOnlyList<SyntheticMarketParameters> Parameters, IReadOnlyList<SyntheticEvent> Events)
{
    /// <summary>How often the agents act (simulated time).</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Builds a <see cref="SimulatedVenue"/> with these markets and attaches the agents: they seed the books at once
    /// (so the first snapshot is two-sided) and act every <see cref="Step"/> from start.
    /// </summary>
    public (SimulatedVenue Venue, SyntheticFlow Flow) CreateVenue(TimeProvider time, SimulatedVenueOptions? options = null)
    {
        var venue = new SimulatedVenue(time, Markets, options);
        var setups = new List<(int, SyntheticMarketParameters)>();
        for (int i = 0; i < Markets.Count; i++) setups.Add((i, Parameters[i]));
        var flow = new SyntheticFlow(venue.Engine, setups, Events, venue.Options.Seed ^ 0x51ED, venue.ProcessAgentEvents)
        {
            TickChanged = venue.PublishTickChange,
        };
        long now = time.GetUtcNow().UtcTicks;
        flow.Step(now);
        var step = Step;
        void Tick()
        {
            flow.Step(venue.Scheduler.NowTicks);
            venue.Scheduler.After(step, Tick);
        }

        venue.Started += () => venue.Scheduler.After(step, Tick);
        return (venue, flow);
    }
}

/// <summary>Builds synthetic Polymarket-like markets (<c>sim:</c> ids, tick 0.01, min size 5) and their agents.</summary>
public static class SyntheticMarketFactory
{
    /// <summary>
    /// The default scenario: <paramref name="binaryMarkets"/> binary markets (fairs spread over 0.2..0.8, the third one
    /// near resolution at 0.02 with tick 0.001) plus one neg-risk event of <paramref name="eventOutcomes"/> outcomes
    /// (≥ 4) whose YES fairs sum to 1 with occasional mispricings.
    /// </summary>
    public static SyntheticScenario CreateDefault(int seed, int binaryMarkets, int eventOutcomes = 4, SyntheticFees fees = SyntheticFees.Zero)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(binaryMarkets);
        ArgumentOutOfRangeException.ThrowIfLessThan(eventOutcomes, 4);
        var random = new Random(seed);
        IFeeModel feeModel = fees == SyntheticFees.Crypto ? new PolymarketFeeModel(0.25m, 2) : ZeroFeeModel.Instance;
        string feeName = fees == SyntheticFees.Crypto ? "polymarket" : "zero";
        var markets = new List<SimulatedMarket>();
        var parameters = new List<SyntheticMarketParameters>();
        for (int i = 0; i < binaryMarkets; i++)
        {
            bool nearResolution = i == 2;
            double fair = nearResolution ? 0.02 : 0.2 + 0.6 * random.NextDouble();
            markets.Add(Binary(random, $"m{i}", nearResolution ? "0.001" : "0.01", feeModel, feeName, null));
            parameters.Add(nearResolution ? SyntheticMarketParameters.NearResolution(fair) : new SyntheticMarketParameters { InitialFair = fair });
        }

        string eventId = "0x" + Hex(random, 64);
        var legs = new List<int>();
        double[] weights = Enumerable.Range(0, eventOutcomes).Select(_ => 0.5 + random.NextDouble()).ToArray();
        double total = weights.Sum();
        for (int k = 0; k < eventOutcomes; k++)
        {
            legs.Add(markets.Count);
            markets.Add(Binary(random, $"e0-o{k}", "0.01", feeModel, feeName, eventId));
            parameters.Add(new SyntheticMarketParameters { InitialFair = weights[k] / total, Makers = 3 });
        }

        return new SyntheticScenario(markets, parameters, [new SyntheticEvent(eventId, legs)]);
    }

    /// <summary>One binary market with Polymarket-like token ids under the <c>sim</c> venue.</summary>
    public static SimulatedMarket Binary(Random random, string label, string tick, IFeeModel fees, string feeName, string? negRiskEventId)
    {
        ArgumentNullException.ThrowIfNull(random);
        string condition = "0x" + Hex(random, 64);
        var yesId = new InstrumentId(VenueNames.Simulated, Digits(random, 77));
        var noId = new InstrumentId(VenueNames.Simulated, Digits(random, 77));
        var t = Price.Parse(tick);
        var yes = Token(yesId, t, new OutcomeLinks(condition, "Yes", true, noId, negRiskEventId), feeName);
        var no = Token(noId, t, new OutcomeLinks(condition, "No", false, yesId, negRiskEventId), feeName);
        _ = label;
        return new SimulatedMarket(condition, yes, no, fees);
    }

    private static Instrument Token(InstrumentId id, Price tick, OutcomeLinks links, string feeName) =>
        new(id, InstrumentKind.OutcomeToken, 3, tick, Quantity.Parse("0.01"), Quantity.FromUnits(5), tick, Price.One - tick, feeName, links);

    private static string Hex(Random random, int n)
    {
        const string digits = "0123456789abcdef";
        return string.Create(n, random, (span, r) => { for (int i = 0; i < span.Length; i++) span[i] = digits[r.Next(16)]; });
    }

    private static string Digits(Random random, int n) =>
        string.Create(n, random, (span, r) => { for (int i = 0; i < span.Length; i++) span[i] = (char)('0' + (i == 0 ? r.Next(1, 10) : r.Next(10))); });
}
