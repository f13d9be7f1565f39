using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Risk;

/// <summary>The gate's market-lifecycle denials: closed markets, per-market reject backoff, a blocked (403) venue.</summary>
public class MarketLifecycleGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly InstrumentRegistry _registry = new();
    private readonly Instrument _yes;
    private readonly Instrument _no;
    private readonly Instrument _otherYes;
    private readonly RiskGate _gate;
    private ulong _seq;

    public MarketLifecycleGateTests()
    {
        var tick = Price.Parse("0.01");
        _yes = _registry.Add(Instrument.PolymarketToken("yes", tick, new OutcomeLinks("0xm1", "Yes", true, new InstrumentId(VenueNames.Polymarket, "no"))));
        _no = _registry.Add(Instrument.PolymarketToken("no", tick, new OutcomeLinks("0xm1", "No", false, new InstrumentId(VenueNames.Polymarket, "yes"))));
        _otherYes = _registry.Add(Instrument.PolymarketToken("yes2", tick, new OutcomeLinks("0xm2", "Yes", true, new InstrumentId(VenueNames.Polymarket, "no2"))));
        _registry.Add(Instrument.PolymarketToken("no2", tick, new OutcomeLinks("0xm2", "No", false, new InstrumentId(VenueNames.Polymarket, "yes2"))));
        var ledger = new PortfolioBook(_registry, Money.FromUnits(1_000));
        _gate = new RiskGate(_registry, ledger, new RiskLimits { RejectBackoffInitial = TimeSpan.FromSeconds(1), RejectBackoffMax = TimeSpan.FromSeconds(60) },
            _clock, new AlertCenter(_clock));
        _gate.Initialize(Money.Zero, Money.Zero, Money.FromUnits(1_000), Money.FromUnits(1_000));
        for (int i = 0; i < _registry.Count; i++) ledger.SetMark(_registry[i], Price.Parse("0.50"));
    }

    private OrderRequest Buy(Instrument i) =>
        new(ClientOrderId.From(1, ++_seq), i.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.49"), Quantity.FromUnits(10));

    /// <summary>A refusal of an order sent just now (a retry after any earlier hold).</summary>
    private TimeSpan Reject(Instrument i) => _gate.OnRepeatingReject(i, _clock.GetUtcNow());

    [Fact]
    public void Denies_orders_on_both_tokens_of_a_closed_market()
    {
        _gate.ClosedMarkets.Close("0xm1", "market_resolved", _registry);

        Assert.Equal(DenyReason.MarketClosed, _gate.Check(Buy(_yes)).Reason);
        Assert.Equal(DenyReason.MarketClosed, _gate.Check(Buy(_no)).Reason);
        Assert.Equal("market_closed", _gate.Check(Buy(_no)).Code);
    }

    [Fact]
    public void Closing_one_market_leaves_the_others_open()
    {
        _gate.ClosedMarkets.Close("0xm1", "market_resolved", _registry);

        Assert.True(_gate.Check(Buy(_otherYes)).IsAllowed);
    }

    [Fact]
    public void A_second_close_notice_of_the_same_market_changes_nothing()
    {
        Assert.Equal(2, _gate.ClosedMarkets.Close("0xm1", "market_resolved", _registry).Count);

        Assert.Empty(_gate.ClosedMarkets.Close("0xM1", "closed", _registry));
        Assert.Equal("market_resolved", _gate.ClosedMarkets.Markets["0xm1"]);
    }

    [Fact]
    public void Holds_the_market_for_the_initial_backoff_after_a_repeating_reject()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Reject(_yes));

        Assert.Equal(DenyReason.RejectBackoff, _gate.Check(Buy(_no)).Reason); // the complement token is the same market
        Assert.True(_gate.Check(Buy(_otherYes)).IsAllowed);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(DenyReason.RejectBackoff, _gate.Check(Buy(_yes)).Reason);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_gate.Check(Buy(_yes)).IsAllowed);
    }

    [Fact]
    public void Doubles_the_hold_with_each_repeating_reject_up_to_the_maximum()
    {
        var holds = new List<double>();
        for (int i = 0; i < 8; i++) holds.Add(Reject(_yes).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], holds);
    }

    [Fact]
    public void A_refusal_of_an_order_sent_before_the_hold_began_does_not_double_it()
    {
        var sentEarlier = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMilliseconds(50));
        Reject(_yes);

        Assert.Equal(TimeSpan.FromSeconds(1), _gate.OnRepeatingReject(_yes, sentEarlier));
        Assert.Equal(TimeSpan.FromSeconds(2), Reject(_yes));
    }

    [Fact]
    public void An_accepted_order_ends_the_episode_and_the_next_reject_starts_from_the_initial_hold()
    {
        Reject(_yes);
        Reject(_yes);

        _gate.OnOrderAccepted(_no);

        Assert.True(_gate.Check(Buy(_yes)).IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(1), Reject(_yes));
    }

    [Fact]
    public void Lifting_the_hold_lets_orders_through_but_a_further_reject_still_doubles()
    {
        Reject(_yes);

        _gate.LiftRejectBackoff(_yes);

        Assert.True(_gate.Check(Buy(_yes)).IsAllowed);
        Assert.Equal(TimeSpan.FromSeconds(2), Reject(_yes));
    }

    [Fact]
    public void Denies_new_orders_on_a_blocked_venue_until_its_window_ends()
    {
        _gate.BlockVenueUntil(VenueNames.Polymarket, Start.AddSeconds(10));

        Assert.Equal(DenyReason.VenueBlocked, _gate.Check(Buy(_otherYes)).Reason);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(_gate.IsVenueBlocked(VenueNames.Polymarket));
        Assert.True(_gate.Check(Buy(_otherYes)).IsAllowed);
    }
}
