using System.Globalization;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;
using Bookmaker.Strategies.Arbitrage.Execution;
using Bookmaker.Strategies.MarketMaking.Strategy;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Simulated.Adapter;
using Bookmaker.Venues.Simulated.Faults;
using Bookmaker.Venues.Simulated.Flow;
using Bookmaker.Venues.Simulated.Paper;
using Bookmaker.Venues.Simulated.Synthetic;

namespace Bookmaker.Cli.Paper;

/// <summary>
/// What a paper run is made of besides the engine: the venue (the embedded simulated venue with synthetic markets by
/// default) and the strategies (market maker and arbitrage), plus their contributions to the view and the summary.
/// </summary>
internal sealed class PaperComposition : IAsyncDisposable
{
    private readonly Dictionary<InstrumentId, string> _labels = [];
    private readonly Dictionary<InstrumentId, IFeeModel> _fees = [];
    private readonly Dictionary<InstrumentId, Strategies.MarketMaking.RewardParameters> _rewardTerms = [];
    private MarketMakerStrategy? _mm;
    private ArbitrageStrategy? _arb;
    private RewardSampler? _rewards;
    private FillMarkoutSampler? _markouts;
    private IAsyncDisposable? _extra;
    private bool _profileDriven; // the flow comes from a profile, so the run measures our fills' markouts (issue 15 T2, T3)

    private PaperComposition(IReadOnlyList<IVenueAdapter> venues, Money initialCash)
    {
        Venues = venues;
        InitialCash = initialCash;
    }

    public IReadOnlyList<IVenueAdapter> Venues { get; private set; }

    public Money InitialCash { get; }

    /// <summary>Markets traded when the venue decides them (real data, emulator); null for the synthetic count.</summary>
    public int? MarketCount { get; private set; }

    /// <summary>True when the venue needs the system clock (real sockets): the run is live-paced, not simulated.</summary>
    public static bool IsRealTime(VenueKind venue) => venue is VenueKind.PolymarketEmulator or VenueKind.Polymarket or VenueKind.Bybit or VenueKind.BybitEmulator;

    /// <summary>Parses the fault spec the way the venue will, so a bad spec is a usage error before anything starts.</summary>
    public static FaultSpec ParseFaults(string text) => string.IsNullOrWhiteSpace(text) ? FaultSpec.None : FaultSpec.Parse(text);

    /// <summary>Builds the venue and what goes with it; <c>Error</c> explains why it could not (a market that does not resolve).</summary>
    public static async Task<(PaperComposition? Composition, string? Error)> CreateAsync(BookmakerOptions options, TimeProvider clock, CancellationToken cancellation)
    {
        var p = options.Paper;
        int seed = unchecked((int)(p.Seed ^ (p.Seed >> 32)));
        if (options.Venue.Name == VenueKind.Polymarket) return await CreateOnPolymarketDataAsync(options, clock, seed, cancellation).ConfigureAwait(false);
        if (options.Venue.Name == VenueKind.PolymarketEmulator)
        {
            var (venue, emulator) = await PolymarketEmulatorVenue.CreateAsync(clock, p.Seed, cancellation).ConfigureAwait(false);
            var c = new PaperComposition([venue], Money.FromUnits(1_000)) { _extra = emulator, MarketCount = PolymarketEmulatorVenue.MarketCount };
            foreach (var i in venue.Instruments)
            {
                c._labels[i.Id] = i.Outcome is { } o ? $"{Short(o.MarketId)} {o.Outcome}" : i.Id.Symbol;
                c._fees[i.Id] = ZeroFeeModel.Instance;
            }

            return (c, null);
        }

        if (options.Venue.Name is VenueKind.Bybit or VenueKind.BybitEmulator) return await CreateOnBybitDataAsync(options, clock, seed, cancellation).ConfigureAwait(false);

        // Never a stand-in: a venue without an adapter must not run the simulated one under its name.
        if (options.Venue.Name != VenueKind.Simulated)
            throw new InvalidOperationException($"venue {options.Venue.Name} has no paper composition (the configuration should have refused it)");

        if (p.Scenario != StressScenario) return CreateOnProfile(options, clock, seed);

        // The stress flow (the first, uncalibrated one): one neg-risk event of ≥ 4 outcomes beside the binary markets; --markets counts the binary ones.
        var scenario = SyntheticMarketFactory.CreateDefault(seed, p.Markets, eventOutcomes: 4);
        var venueOptions = new SimulatedVenueOptions
        {
            Seed = seed,
            Faults = ParseFaults(p.Faults),
            StartingCash = Money.FromUnits(1_000),
        };
        var (sim, _) = scenario.CreateVenue(clock, venueOptions);
        var composition = new PaperComposition([sim], venueOptions.StartingCash);
        foreach (var m in scenario.Markets)
        {
            Label(composition, m.Yes, m.MarketId);
            if (m.No is not null) Label(composition, m.No, m.MarketId);
        }

        return (composition, null);

        static void Label(PaperComposition c, Instrument i, string marketId)
        {
            c._labels[i.Id] = i.Outcome is { } o ? $"{Short(o.NegRiskEventId ?? marketId)} {o.Outcome}" : i.Id.Symbol;
        }
    }

    /// <summary>
    /// <c>paper --scenario</c>: the simulated venue with <c>Paper:Markets</c> markets of the profile's kind, its flow
    /// from the profile (<see cref="ProfileScenario"/>) and the profile's latencies.
    /// </summary>
    private static (PaperComposition?, string?) CreateOnProfile(BookmakerOptions options, TimeProvider clock, int seed)
    {
        var p = options.Paper;
        var (profile, error) = LoadScenario(p.Scenario.Length == 0 ? DefaultScenario : p.Scenario, null);
        if (profile is null) return (null, "paper: Paper:Scenario: " + error);
        var scenario = new ProfileScenario(profile, seed, p.Markets);
        var venueOptions = new SimulatedVenueOptions
        {
            Seed = seed,
            Faults = ParseFaults(p.Faults),
            StartingCash = Money.FromUnits(1_000),
            Latency = scenario.Latency,
        };
        var (sim, _) = scenario.CreateVenue(clock, venueOptions);
        var composition = new PaperComposition([sim], venueOptions.StartingCash) { SimulationLabel = ProfileLabel(profile), _profileDriven = true };
        foreach (var m in scenario.Markets)
        {
            composition._labels[m.Yes.Id] = m.Yes.Outcome is { } o ? $"{Short(m.MarketId)} {o.Outcome}" : m.Yes.Id.Symbol;
            if (m.No?.Outcome is { } no) composition._labels[m.No.Id] = $"{Short(m.MarketId)} {no.Outcome}";
        }

        return (composition, null);
    }

    /// <summary>The flow of <c>paper</c> on the simulated venue when <c>Paper:Scenario</c> is empty: the calibrated <c>liquid</c> profile.</summary>
    public const string DefaultScenario = "liquid";

    /// <summary>
    /// The first synthetic flow (<c>--scenario stress</c>): uncalibrated and generous by design — 1.8 uninformed taker
    /// orders a second per market, no impact, makers quoting around the true value — so it keeps every strategy busy
    /// for tests of the machinery, and its P&amp;L says nothing about an edge (issue 15).
    /// </summary>
    public const string StressScenario = "stress";

    /// <summary>
    /// The profile a scenario names: a built-in (<c>liquid</c>, <c>thin</c>, <c>crypto</c>) or a profile JSON file
    /// (relative to the working directory); <c>Error</c> says why it cannot be read.
    /// </summary>
    public static (FlowProfile? Profile, string? Error) LoadScenario(string scenario, CliContext? context)
    {
        try
        {
            if (BuiltInProfiles.Find(scenario) is { } builtIn) return (builtIn, null);
            string path = context?.ResolvePath(scenario) ?? Path.GetFullPath(scenario);
            if (!File.Exists(path)) return (null, $"no built-in profile of that name ({string.Join(", ", BuiltInProfiles.Names)}; or {StressScenario}, the uncalibrated flow) and no such file");
            return (FlowProfile.Load(path), null);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// What a profile-driven run says about itself: the profile's name and where its numbers came from, and that its
    /// P&amp;L is no forecast until the targets of docs/simulation-calibration.md hold.
    /// </summary>
    public static string ProfileLabel(FlowProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        string origin = profile.ObservedSeconds <= 0
            ? "priors, not calibrated from a recording"
            : profile.Priors.Count == 0
                ? $"calibrated from {profile.Source}"
                : $"calibrated from {profile.Source}; priors for {string.Join(", ", profile.Priors)}";
        return $"synthetic flow, profile '{profile.Name}' ({origin}): a test of the machinery, not a forecast of P&L";
    }

    /// <summary>What the run's summary and view say the simulation is; null on real market data.</summary>
    public string? SimulationLabel { get; private init; } = PaperRunner.SyntheticLabel;

    private static string Short(string id) => id.Length > 10 ? id[..10] : id;

    /// <summary>
    /// <c>paper --venue polymarket</c>: resolves the configured markets on the real venue, follows their books through
    /// the Polymarket adapter without credentials (market data only) and simulates our fills with a
    /// <see cref="LiveDataPaperVenue"/>. No order ever reaches the venue.
    /// </summary>
    private static async Task<(PaperComposition?, string?)> CreateOnPolymarketDataAsync(BookmakerOptions options, TimeProvider clock, int seed, CancellationToken ct)
    {
        var po = options.Venue.Polymarket;
        List<PolymarketMarket> found;
        List<string> errors;
        using (var rest = new PolymarketRestClient(PolymarketHttpSettings.From(po), null, clock))
            (found, errors) = await PolymarketMarket.ResolveAsync(rest, po.Markets, ct).ConfigureAwait(false);
        if (errors.Count > 0 || found.Count == 0)
            return (null, "paper: cannot resolve Venue:Polymarket:Markets: " + (errors.Count > 0 ? string.Join("; ", errors) : "no market"));

        // The same market named twice (by id and by slug) is followed once.
        found = found.DistinctBy(m => m.ConditionId, StringComparer.OrdinalIgnoreCase).ToList();
        var adapter = new PolymarketVenueAdapter(PolymarketAdapterSettings.From(po), found, null, null, clock);
        var c = new PaperComposition([], Money.FromUnits(1_000)) { MarketCount = found.Count };
        c.Describe(adapter.Instruments, found);
        var fees = c._fees;
        var venue = new LiveDataPaperVenue(adapter, clock, new LiveDataPaperVenueOptions
        {
            Seed = seed,
            StartingCash = c.InitialCash,
            Fees = i => fees.TryGetValue(i.Id, out var f) ? f : ZeroFeeModel.Instance,
        });
        c.Venues = [venue];
        return (c, null);
    }

    /// <summary>
    /// <c>paper --venue bybit</c>: the Bybit adapter's market data (instruments from <c>instruments-info</c>, books and
    /// prints from the public stream) with fills simulated by a <see cref="LiveDataPaperVenue"/> at the configured
    /// maker/taker rates; no order ever reaches the venue. <c>paper --venue bybit-emulator</c>: the same adapter with its
    /// trading side against the loopback emulator, orders and fills over the real protocol.
    /// </summary>
    private static async Task<(PaperComposition?, string?)> CreateOnBybitDataAsync(BookmakerOptions options, TimeProvider clock, int seed, CancellationToken ct)
    {
        var (adapter, emulator, error) = await BybitPaperVenue.CreateAsync(options, clock, seed, ct).ConfigureAwait(false);
        if (adapter is null) return (null, error);
        var c = new PaperComposition([], Money.FromUnits(1_000)) { MarketCount = adapter.Instruments.Count, _extra = emulator };
        var fee = new BybitFeeModel(options.Venue.Bybit.TakerFee, options.Venue.Bybit.MakerFee);
        foreach (var i in adapter.Instruments)
        {
            c._labels[i.Id] = i.Id.Symbol;
            // Trading on the emulator: the rates its account reports (a negative maker rate is a rebate).
            c._fees[i.Id] = adapter.Trading?.FeeRates.TryGetValue(i.Id.Symbol, out var r) == true ? new BybitFeeModel(r.Taker, r.Maker) : fee;
        }

        if (adapter.Trading is not null)
        {
            c.Venues = [adapter];
            return (c, null);
        }

        c.Venues = [new LiveDataPaperVenue(adapter, clock, new LiveDataPaperVenueOptions { Seed = seed, StartingCash = c.InitialCash, Fees = _ => fee })];
        return (c, null);
    }

    /// <summary>
    /// <c>live</c>: the real adapter, with the same labels, fee curves and reward terms as paper on real data, so a
    /// live session runs exactly the strategies a paper session runs.
    /// </summary>
    public static PaperComposition ForLive(PolymarketVenueAdapter adapter, IReadOnlyList<PolymarketMarket> markets, Money openingCash)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        var c = new PaperComposition([adapter], openingCash) { MarketCount = markets.Count };
        c.Describe(adapter.Instruments, markets);
        return c;
    }

    /// <summary>
    /// <c>backtest</c>: the replay venue, with each instrument's fee model and each rewarded market's reward terms (by
    /// either token; the market maker quotes the YES view), so the strategies are added, quote and are reported exactly
    /// as in paper and live.
    /// </summary>
    public static PaperComposition ForReplay(IVenueAdapter venue, Money openingCash, Func<InstrumentId, IFeeModel> fees,
        IReadOnlyDictionary<InstrumentId, Strategies.MarketMaking.RewardParameters>? rewards = null)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(fees);
        var c = new PaperComposition([venue], openingCash);
        foreach (var i in venue.Instruments)
        {
            c._fees[i.Id] = fees(i.Id);
            c._labels[i.Id] = i.Outcome is { } o ? $"{Short(o.MarketId)} {o.Outcome}" : i.Id.Symbol;
            if (rewards is not null && (rewards.TryGetValue(i.Id, out var terms) || (i.Outcome is { } links && rewards.TryGetValue(links.Complement, out terms))))
                c._rewardTerms[i.Id] = terms;
        }

        return c;
    }

    /// <summary>Labels, fee models and reward terms of the resolved markets' instruments.</summary>
    private void Describe(IEnumerable<Instrument> instruments, IReadOnlyList<PolymarketMarket> markets)
    {
        var byCondition = markets.ToDictionary(m => m.ConditionId, StringComparer.OrdinalIgnoreCase);
        foreach (var i in instruments)
        {
            var m = byCondition[i.Outcome!.MarketId];
            // The venue's published fee curve when known; otherwise zero (documented: fees are then understated).
            _fees[i.Id] = m.Fees is { } curve ? new PolymarketFeeModel(curve.Rate, curve.Exponent) : ZeroFeeModel.Instance;
            _labels[i.Id] = $"{Abbreviate(m.Label ?? m.ConditionId, 24)} {i.Outcome.Outcome}";
            if (m.Rewards is { } r) _rewardTerms[i.Id] = new Strategies.MarketMaking.RewardParameters((double)r.MaxSpreadCents, r.MinSize) { MinOrderAge = r.MinOrderAge };
        }
    }

    private static string Abbreviate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Adds the strategies named in <paramref name="names"/> (default: <c>Paper:Strategies</c>).</summary>
    public void AddStrategies(EngineHost host, BookmakerOptions options, IReadOnlyList<string>? names = null)
    {
        var sim = Venues.OfType<SimulatedVenue>().FirstOrDefault();
        IFeeModel FeeOf(Instrument i)
        {
            if (_fees.TryGetValue(i.Id, out var f)) return f;
            if (sim is not null)
                foreach (var m in sim.Markets)
                    if (m.Yes.Id == i.Id || m.No?.Id == i.Id) return m.Fees;
            return ZeroFeeModel.Instance;
        }

        // Profile-driven runs measure our fills' 10 s / 60 s markouts (issue 15 T2, T3); the default flow's runs stay as they were.
        if (_profileDriven && sim is not null)
        {
            _markouts = new FillMarkoutSampler(marketMakerTag: MarketMakerStrategy.DefaultName);
            host.AddStrategy(_markouts);
        }

        foreach (string name in names ?? options.Paper.Strategies)
        {
            switch (name)
            {
                case "mm":
                    var mmOptions = MarketMakerConfig.FromConfig(options.MarketMaker,
                        quotesCrypto: host.Engine.Instruments.All.Any(i => i.Kind != InstrumentKind.OutcomeToken));
                    // Quote the YES view of every binary market; the complement router handles the NO side. Synthetic
                    // markets run a liquidity-reward program like many Polymarket markets (max spread 3¢, min size 10),
                    // so the reward score is computed and reported.
                    var rewards = sim is null ? null : new Strategies.MarketMaking.RewardParameters(3, Quantity.FromUnits(10));
                    var markets = host.Engine.Instruments.All
                        .Where(i => i.Outcome is null || i.Outcome.IsYes)
                        .Select(i => new MarketMakerMarket(i.Id, _rewardTerms.TryGetValue(i.Id, out var terms) ? terms : rewards, FeeOf(i)))
                        .ToList();
                    _mm = new MarketMakerStrategy(mmOptions, markets);
                    host.AddStrategy(_mm);
                    _rewards = new RewardSampler(_mm);
                    host.AddStrategy(_rewards);
                    break;
                case "arb":
                    _arb = new ArbitrageStrategy(ArbitrageStrategyOptions.From(options.Arbitrage), LegFees.Resolver(FeeOf));
                    host.AddStrategy(_arb);
                    break;
            }
        }
    }

    /// <summary>The arbitrage strategy's report, or null when it is not running.</summary>
    public ArbReport? ArbitrageReport => _arb?.Report();

    public string Label(Instrument instrument) => _labels.TryGetValue(instrument.Id, out var l) ? l : instrument.Id.ToString();

    /// <summary>Extra rows for the live view.</summary>
    public IEnumerable<(string Key, string Value)> ViewRows()
    {
        var c = CultureInfo.InvariantCulture;
        if (_mm is not null)
        {
            var r = _mm.Report();
            yield return ("reward score (now / mean)", $"{r.RewardScore.ToString("0.##", c)} / {(_rewards?.Mean ?? 0).ToString("0.##", c)}");
            yield return ("max |inventory|", r.MaxAbsInventory.ToString());
            yield return ("requests saved", r.RequestsSaved.ToString(c));
        }

        if (_arb is not null)
        {
            var a = _arb.Report();
            yield return ("arb opp / tries / ok", $"{a.Opportunities} / {a.Attempts} / {a.Successes}");
            yield return ("arb pnl", a.Pnl.ToDecimal().ToString("0.0000", c));
        }
    }

    /// <summary>Adds the strategies' figures to the summary.</summary>
    public void Contribute(PaperSummary summary, Engine.Kernel.TradingEngine engine)
    {
        // Held complete sets are worth exactly $1 (they can be merged), whatever the two bids say.
        if (MarketCount is { } markets) summary.Markets = markets;
        summary.EquitySetsAtOne = CompleteSetMarking.Equity(engine.Portfolio, engine.Instruments, engine.Mark).ToDecimal();
        if (_mm is not null)
        {
            var r = _mm.Report();
            summary.RewardScore = Math.Round(_rewards?.Mean ?? r.RewardScore, 4);
            summary.Markout1s = double.IsFinite(r.Markout1s) ? Math.Round(r.Markout1s, 4) : 0;
        }

        if (_markouts is { } fm)
        {
            var ten = fm.Markouts10s.Order().ToList();
            summary.FillMarkout10sMedianTicks = ten.Count == 0 ? 0 : Math.Round(ten[ten.Count / 2], 4);
            summary.FillAdverse10sShare = ten.Count == 0 ? 0 : Math.Round(ten.Count(m => m < 0) / (double)ten.Count, 4);
            summary.FillMarkout60sMeanTicks = fm.Markouts60s.Count == 0 ? 0 : Math.Round(fm.Markouts60s.Average(), 4);
        }

        if (_arb is not null)
        {
            var a = _arb.Report();
            summary.ArbOpportunities = a.Opportunities;
            summary.ArbAttempts = a.Attempts;
            summary.ArbSuccesses = a.Successes;
            summary.ArbUnwinds = a.Unwinds;
            summary.ArbMisses = a.Misses;
            summary.ArbEchoWaits = a.EchoWaits;
            summary.ArbEntryLegsKilled = a.EntryLegsKilled;
            summary.ArbPnl = a.Pnl.ToDecimal();
            summary.UnhedgedLegsAtExit = a.UnhedgedLegsAtExit;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_extra is not null) await _extra.DisposeAsync().ConfigureAwait(false);
    }
}
