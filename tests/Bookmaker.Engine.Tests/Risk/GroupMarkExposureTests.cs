using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Risk;

/// <summary>
/// Directional exposure counts YES-equivalent shares at the group mark (the YES mark, or 1 − the NO mark) for every
/// order, single or basket leg, YES or NO. Marks are asymmetric here (YES 0.30, NO 0.70): with 0.50 / 0.50 a NO leg
/// valued at its own mark looks the same and the difference cannot be seen.
/// </summary>
public sealed class GroupMarkExposureTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Price Tick = Price.Parse("0.01");
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly InstrumentRegistry _registry = new();
    private readonly PortfolioBook _ledger;
    private readonly RiskGate _gate;
    private readonly Instrument _yes1;
    private readonly Instrument _no1;
    private readonly Instrument _no2;
    private ulong _seq;

    public GroupMarkExposureTests()
    {
        (_yes1, _no1) = Market("1");
        (_, _no2) = Market("2");
        _ledger = new PortfolioBook(_registry, Money.FromUnits(1_000));
        _gate = new RiskGate(_registry, _ledger, new RiskLimits { MaxDirectionalExposure = Money.FromUnits(60) }, _clock, new AlertCenter(_clock));
        _gate.Initialize(Money.Zero, Money.Zero, Money.FromUnits(1_000), Money.FromUnits(1_000));
        foreach (var instrument in _registry.All)
            _ledger.SetMark(instrument, Price.Parse(instrument.Outcome!.IsYes ? "0.30" : "0.70"));
    }

    private (Instrument Yes, Instrument No) Market(string name)
    {
        var yesId = new InstrumentId(VenueNames.Polymarket, "yes" + name);
        var noId = new InstrumentId(VenueNames.Polymarket, "no" + name);
        var yes = _registry.Add(Instrument.PolymarketToken("yes" + name, Tick, new OutcomeLinks("m" + name, "Yes", true, noId)));
        var no = _registry.Add(Instrument.PolymarketToken("no" + name, Tick, new OutcomeLinks("m" + name, "No", false, yesId)));
        return (yes, no);
    }

    private OrderRequest BuyNo(Instrument no, long size) =>
        new(ClientOrderId.From(1, ++_seq), no.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Price.Parse("0.70"), Quantity.FromUnits(size));

    [Fact]
    public void A_basket_values_a_no_leg_at_the_yes_mark_as_a_single_order_is_valued()
    {
        // Each leg is 100 YES-equivalent shares short at the YES mark 0.30: −30 each, −60 together, within the 60 limit.
        // Valued at the NO mark, the first leg would weigh −70 and deny the second.
        var decision = _gate.CheckBasket([BuyNo(_no1, 100), BuyNo(_no2, 100)]);

        Assert.True(decision.IsAllowed, decision.Code);
    }

    [Fact]
    public void A_basket_whose_no_legs_pass_the_exposure_limit_at_the_yes_mark_is_denied()
    {
        var decision = _gate.CheckBasket([BuyNo(_no1, 100), BuyNo(_no2, 110)]);

        Assert.Equal((DenyReason.DirectionalExposure, 1), (decision.Reason, decision.LegIndex));
    }

    [Fact]
    public void A_no_order_is_valued_at_one_minus_the_no_mark_when_the_yes_token_has_no_mark()
    {
        _ledger.SetMark(_yes1, Price.Zero);

        // 1 − 0.70 = 0.30: 200 shares short weigh −60, at the limit, not −140.
        Assert.True(_gate.Check(BuyNo(_no1, 200)).IsAllowed);
    }

    [Fact]
    public void A_held_no_position_counts_at_the_yes_mark_in_the_exposure_the_gate_reads()
    {
        _ledger.AdjustPosition(_no1, Quantity.FromUnits(100), _clock.GetUtcNow());

        Assert.Equal(Money.FromUnits(-30), _gate.NetExposure);
        Assert.Equal(DenyReason.DirectionalExposure, _gate.Check(BuyNo(_no2, 110)).Reason);
        Assert.True(_gate.Check(BuyNo(_no2, 100)).IsAllowed);
    }
}
