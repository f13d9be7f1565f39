using Bookmaker.Core.Books;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;
using Bookmaker.Strategies.Arbitrage;
using Bookmaker.Strategies.Arbitrage.Execution;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Strategies.Tests.Arbitrage.Execution;

/// <summary>A journal that keeps entries in memory so tests can read the notes.</summary>
internal sealed class MemoryJournal : IJournal
{
    public List<JournalEntry> Entries { get; } = [];

    public int Backlog => 0;

    public long Append(in JournalEntry entry)
    {
        Entries.Add(entry);
        return Entries.Count;
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The text of every strategy note with this event name.</summary>
    public IEnumerable<string> Notes(string @event) =>
        Entries.Where(e => e.Kind == JournalKind.Note)
            .Select(e => System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.GetProperty("text").GetString() ?? "")
            .Where(t => t.Contains($"\"event\":\"{@event}\"", StringComparison.Ordinal));
}

/// <summary>
/// A real engine built the production way (<see cref="EngineKit"/>) around the arbitrage strategy, with a scripted venue,
/// on simulated time. Fee curve r = 0.02, e = 1 for every token, in the venue and in the scanner alike.
/// </summary>
internal sealed class ArbHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private long _seq;

    public ArbHarness(
        int negRiskOutcomes = 0,
        int maxBatch = 15,
        RiskLimits? limits = null,
        BasketExecutorOptions? executor = null,
        ArbScannerOptions? scanner = null,
        long cash = 1_000,
        bool negRiskNoTokens = false,
        bool linkedBinaryBooks = false,
        bool buyFeesInShares = false)
    {
        Clock = new SimulatedTimeProvider(Start);
        if (negRiskOutcomes == 0)
        {
            Yes = Token("m1-yes", "m1-no", "m1", true, null, "Yes");
            No = Token("m1-no", "m1-yes", "m1", false, null, "No");
            Legs = [Yes, No];
        }
        else
        {
            var legs = new List<Instrument>();
            for (int i = 0; i < negRiskOutcomes; i++)
                legs.Add(Token($"e1-q{i}-yes", $"e1-q{i}-no", $"e1-q{i}", true, "e1", $"Candidate {(char)('A' + i)}{i}"));
            Legs = [.. legs];
            if (negRiskNoTokens)
            {
                // Each outcome market's NO token too (not a basket leg; shares the outcome market's linked book).
                for (int i = 0; i < negRiskOutcomes; i++)
                    NoTokens.Add(Token($"e1-q{i}-no", $"e1-q{i}-yes", $"e1-q{i}", false, "e1", "No"));
            }

            Yes = Legs[0];
            No = Legs[1];
        }

        Venue = new ScriptedExecutionClient(Clock, Fee, maxBatch, buyFeesInShares);
        Host = EngineKit.Create(Clock, [new ScriptedVenue(VenueNames.Polymarket, [.. Legs.Concat(NoTokens).Distinct()], Venue)],
            new EngineHostOptions { Risk = limits ?? new RiskLimits(), InitialCash = Money.FromUnits(cash) }, Journal);
        var options = new ArbitrageStrategyOptions(scanner ?? new ArbScannerOptions(Money.Parse("0.005"), Quantity.FromUnits(1_000), Money.FromUnits(500), TimeSpan.FromSeconds(5)),
            (executor ?? BasketExecutorOptions.Default) with { BuyFeesInShares = buyFeesInShares }, Depth: 5, LinkedBinaryBooks: linkedBinaryBooks);
        Strategy = new ArbitrageStrategy(options, LegFees.Resolver(_ => Fee));
        Host.AddStrategy(Strategy);
        EngineKit.StartVenues(Host);
        Driver = new SimulationDriver(Loop, Clock);
    }

    /// <summary>The engine as production builds it.</summary>
    public EngineHost Host { get; }

    public static readonly PolymarketFeeModel Fee = new(0.02m, 1);

    public SimulatedTimeProvider Clock { get; }

    public EventLoop Loop => Host.Loop;

    public InstrumentRegistry Registry => Engine.Instruments;

    public Instrument Yes { get; }

    public Instrument No { get; }

    public Instrument[] Legs { get; }

    /// <summary>The NO tokens of a neg-risk event's markets (only with <c>negRiskNoTokens</c>).</summary>
    public List<Instrument> NoTokens { get; } = [];

    public AlertCenter Alerts => Engine.Alerts;

    public RiskGate Gate => Engine.Gate;

    public PortfolioBook Portfolio => Engine.Portfolio;

    public MemoryJournal Journal { get; } = new();

    public ScriptedExecutionClient Venue { get; }

    public OrderManager Orders => Engine.Orders;

    public TradingEngine Engine => Host.Engine;

    public ArbitrageStrategy Strategy { get; }

    public SimulationDriver Driver { get; }

    public BasketExecutor Executor => Strategy.Executor;

    public ArbMetrics Metrics => Strategy.Metrics;

    private static Instrument Token(string id, string complement, string market, bool isYes, string? ev, string outcome) =>
        Instrument.PolymarketToken(id, Price.Parse("0.01"), new OutcomeLinks(market, outcome, isYes, new InstrumentId(VenueNames.Polymarket, complement), ev));

    /// <summary>Publishes a book: "bid" and "ask" as "price×size" pairs (one level each side unless more are given).</summary>
    public void Book(Instrument instrument, string bid, string bidSize, string ask, string askSize)
    {
        var snapshot = new BookSnapshot { Sequence = ++_seq };
        snapshot.Bids.Add(new BookLevel(Price.Parse(bid), Quantity.Parse(bidSize)));
        snapshot.Asks.Add(new BookLevel(Price.Parse(ask), Quantity.Parse(askSize)));
        long now = Clock.GetUtcNow().UtcTicks;
        Loop.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, instrument.Index, Side.Buy, Price.Zero, Quantity.Zero, _seq, 0, now, now, true, snapshot));
    }

    /// <summary>Marks a book stale, as a feed gap does (no prices until the next snapshot).</summary>
    public void Invalidate(Instrument instrument)
    {
        long now = Clock.GetUtcNow().UtcTicks;
        Loop.OnMarketData(new MarketDataEvent(MarketDataKind.BookInvalidated, instrument.Index, Side.Buy, Price.Zero, Quantity.Zero, 0, 0, now, now));
    }

    /// <summary>Processes what is queued now.</summary>
    public void Drain() => Loop.DrainPending();

    /// <summary>Runs simulated time forward.</summary>
    public void Run(TimeSpan span) => Driver.RunFor(span);

    public Quantity Held(Instrument i) => Portfolio.QuantityOf(i.Id);

    /// <summary>True when every leg holds the same quantity (complete sets or flat).</summary>
    public bool IsCompleteSetOrFlat() => Legs.All(l => Held(l) == Held(Legs[0]));

    public void Dispose()
    {
        Loop.DisposeTimers();
        Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
