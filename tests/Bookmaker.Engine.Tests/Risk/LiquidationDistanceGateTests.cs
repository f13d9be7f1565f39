using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Risk;

/// <summary>
/// The gate's <c>liquidation_distance</c> check: an order adding to a perpetual position is denied while the venue's
/// liquidation price is within <c>MinLiquidationDistanceBps</c> of the venue's mark; reducing orders always pass.
/// </summary>
public sealed class LiquidationDistanceGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly InstrumentRegistry _registry = new();
    private readonly Instrument _perp;
    private readonly PortfolioBook _ledger;
    private ulong _seq;

    public LiquidationDistanceGateTests()
    {
        _perp = _registry.Add(new Instrument(new InstrumentId(VenueNames.Bybit, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1, Price.Parse("0.1"),
            Quantity.Parse("0.001"), Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1000000"), "bybit"));
        _ledger = new PortfolioBook(_registry, Money.FromUnits(100_000));
        _ledger.SetMark(_perp, Price.Parse("60000"));
        // Long 0.05 BTC.
        _ledger.AdjustPosition(_perp, Quantity.Parse("0.05"), _clock.GetUtcNow());
    }

    private RiskGate Gate(int minBps = 500)
    {
        var gate = new RiskGate(_registry, _ledger, new RiskLimits { MinLiquidationDistanceBps = minBps, MaxOrderNotional = Money.FromUnits(100_000), MaxDirectionalExposure = Money.FromUnits(100_000) },
            _clock, new AlertCenter(_clock));
        gate.Initialize(Money.Zero, Money.Zero, _ledger.Cash, _ledger.Equity);
        return gate;
    }

    private OrderRequest Order(Side side, string size = "0.01") =>
        new(ClientOrderId.From(1, ++_seq), _perp.Id, side, OrderType.Limit, TimeInForce.Gtc, Price.Parse(side == Side.Buy ? "59990" : "60010"), Quantity.Parse(size));

    private static void Venue(RiskGate gate, Instrument i, string mark, string liquidation)
    {
        gate.SetPositionRisk(i, isMark: true, Price.Parse(mark));
        gate.SetPositionRisk(i, isMark: false, Price.Parse(liquidation));
    }

    [Fact]
    public void Denies_adding_to_a_long_whose_liquidation_price_is_within_the_minimum_distance_of_the_mark()
    {
        var gate = Gate(500);
        Venue(gate, _perp, "60000", "57001"); // 4.998 % away: inside 5 %

        var decision = gate.Check(Order(Side.Buy));

        Assert.Equal(DenyReason.LiquidationDistance, decision.Reason);
        Assert.Equal("liquidation_distance", decision.Code);
    }

    [Fact]
    public void Allows_adding_when_the_liquidation_price_is_exactly_the_minimum_distance_away()
    {
        var gate = Gate(500);
        Venue(gate, _perp, "60000", "57000"); // exactly 5 %

        Assert.True(gate.Check(Order(Side.Buy)).IsAllowed);
    }

    [Fact]
    public void Allows_an_order_that_reduces_the_position_however_close_the_liquidation()
    {
        var gate = Gate(500);
        Venue(gate, _perp, "60000", "59900");

        Assert.True(gate.Check(Order(Side.Sell, "0.02")).IsAllowed);
    }

    [Fact]
    public void Does_not_check_without_a_liquidation_price_or_when_turned_off()
    {
        var unknown = Gate(500);
        unknown.SetPositionRisk(_perp, isMark: true, Price.Parse("60000"));
        var off = Gate(0);
        Venue(off, _perp, "60000", "59900");

        Assert.True(unknown.Check(Order(Side.Buy)).IsAllowed);
        Assert.True(off.Check(Order(Side.Buy)).IsAllowed);
    }

    [Fact]
    public void A_cleared_liquidation_price_lifts_the_denial()
    {
        var gate = Gate(500);
        Venue(gate, _perp, "60000", "59000");
        Assert.Equal(DenyReason.LiquidationDistance, gate.Check(Order(Side.Buy)).Reason);

        gate.SetPositionRisk(_perp, isMark: false, Price.Zero);

        Assert.True(gate.Check(Order(Side.Buy)).IsAllowed);
    }
}
