using BenchmarkDotNet.Attributes;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Benchmarks;

/// <summary>
/// One pre-trade check of a passing order through every rule of the risk gate (state, shape, fat finger, exposure,
/// self-cross, counts, balance, rate limit). The submit bucket is sized so it never runs dry during the run.
/// </summary>
[MemoryDiagnoser]
public class RiskGateBenchmarks
{
    private RiskGate _gate = null!;
    private OrderRequest _order = null!;
    private OrderRequest _denied = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new SimulatedTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var reg = new InstrumentRegistry();
        // 50 markets loaded, as in the market maker's tick-to-quote figure.
        for (int m = 0; m < 50; m++)
        {
            var yesId = new InstrumentId(VenueNames.Polymarket, $"yes{m}");
            var noId = new InstrumentId(VenueNames.Polymarket, $"no{m}");
            reg.Add(Instrument.PolymarketToken($"yes{m}", Price.Parse("0.01"), new OutcomeLinks($"m{m}", "Yes", true, noId)));
            reg.Add(Instrument.PolymarketToken($"no{m}", Price.Parse("0.01"), new OutcomeLinks($"m{m}", "No", false, yesId)));
        }

        var ledger = new PortfolioBook(reg, Money.FromUnits(100_000));
        _gate = new RiskGate(reg, ledger, new RiskLimits { SubmitRatePerSecond = 1e9, SubmitBurst = int.MaxValue / 2 }, clock, new AlertCenter(clock));
        _gate.Initialize(Money.Zero, Money.Zero, Money.FromUnits(100_000), Money.FromUnits(100_000));
        foreach (var i in reg.All) ledger.SetMark(i, Price.Parse("0.50"));
        var target = reg.Get(new InstrumentId(VenueNames.Polymarket, "yes25"));
        ledger.AdjustPosition(target, Quantity.FromUnits(40), clock.GetUtcNow());
        _gate.SetOwnQuotes(target, Price.Parse("0.47"), Price.Parse("0.53"));
        _order = new OrderRequest(ClientOrderId.From(1, 1), target.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.48"), Quantity.FromUnits(20), PostOnly: true);
        _denied = _order with { Price = Price.Parse("0.485") };
    }

    [Benchmark(Description = "RiskGate.Check, order passes every rule")]
    public bool CheckAllowed() => _gate.Check(_order).IsAllowed;

    [Benchmark(Description = "RiskGate.Check, denied off tick")]
    public bool CheckDenied() => _gate.Check(_denied).IsAllowed;
}
