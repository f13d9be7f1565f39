using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Time;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Risk;

public class RiskGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Price Tick = Price.Parse("0.01");
    private ulong _seq;

    private sealed record Fixture(RiskGate Gate, PortfolioBook Ledger, SimulatedTimeProvider Clock, AlertCenter Alerts, Instrument Yes, Instrument No, Instrument Perp)
    {
        /// <summary>The ledger holds <paramref name="units"/> of <paramref name="instrument"/> from now.</summary>
        public void Hold(Instrument instrument, long units) => Ledger.AdjustPosition(instrument, Quantity.FromUnits(units), Clock.GetUtcNow());
    }

    private static Fixture Make(RiskLimits? limits = null)
    {
        var clock = new SimulatedTimeProvider(Start);
        var reg = new InstrumentRegistry();
        var yesId = new InstrumentId(VenueNames.Polymarket, "yes");
        var noId = new InstrumentId(VenueNames.Polymarket, "no");
        var yes = reg.Add(Instrument.PolymarketToken("yes", Tick, new OutcomeLinks("m1", "Yes", true, noId)));
        var no = reg.Add(Instrument.PolymarketToken("no", Tick, new OutcomeLinks("m1", "No", false, yesId)));
        var perp = reg.Add(new Instrument(new InstrumentId(VenueNames.Bybit, "BTCUSDT"), InstrumentKind.LinearPerpetual, 1,
            Price.Parse("0.1"), Quantity.Parse("0.001"), Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1000000"), "bybit"));
        var alerts = new AlertCenter(clock);
        var ledger = new PortfolioBook(reg, Money.FromUnits(1_000));
        var gate = new RiskGate(reg, ledger, limits ?? new RiskLimits(), clock, alerts);
        gate.Initialize(Money.Zero, Money.Zero, Money.FromUnits(1_000), Money.FromUnits(1_000));
        ledger.SetMark(yes, Price.Parse("0.50"));
        ledger.SetMark(no, Price.Parse("0.50"));
        ledger.SetMark(perp, Price.Parse("60000"));
        return new Fixture(gate, ledger, clock, alerts, yes, no, perp);
    }

    private OrderRequest Buy(Instrument i, string price, long size, TimeInForce tif = TimeInForce.Gtc, bool reduceOnly = false) =>
        new(ClientOrderId.From(1, ++_seq), i.Id, Side.Buy, OrderType.Limit, tif, Price.Parse(price), Quantity.FromUnits(size), ReduceOnly: reduceOnly);

    private OrderRequest Sell(Instrument i, string price, long size, bool reduceOnly = false) =>
        new(ClientOrderId.From(1, ++_seq), i.Id, Side.Sell, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.FromUnits(size), ReduceOnly: reduceOnly);

    [Fact]
    public void Allows_a_plain_order_inside_every_limit()
    {
        var f = Make();
        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Denies_everything_while_halted_by_operator()
    {
        var f = Make();
        f.Gate.SetManualState(TradingState.Halted, "operator");
        Assert.Equal(DenyReason.Halted, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
    }

    [Fact]
    public void Denies_order_when_daily_loss_limit_breached()
    {
        var f = Make(new RiskLimits { DailyLossLimit = Money.FromUnits(100) });
        f.Gate.OnAccount(Money.FromUnits(-100), Money.FromUnits(900), Money.FromUnits(900));

        Assert.True(f.Gate.IsBreached);
        Assert.Equal(TradingState.Halted, f.Gate.State);
        Assert.Equal(DenyReason.DailyLossBreached, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
    }

    [Fact]
    public void Warns_at_eighty_percent_of_the_daily_loss_limit()
    {
        var f = Make(new RiskLimits { DailyLossLimit = Money.FromUnits(100) });
        f.Gate.OnAccount(Money.FromUnits(-80), Money.FromUnits(920), Money.FromUnits(920));

        Assert.True(f.Alerts.IsActive("daily_loss_warning"));
        Assert.False(f.Gate.IsBreached);
    }

    [Fact]
    public void Breach_requests_a_freeze_of_every_order()
    {
        var f = Make(new RiskLimits { DailyLossLimit = Money.FromUnits(100) });
        string? freeze = null;
        f.Gate.FreezeRequested += r => freeze = r;

        f.Gate.OnAccount(Money.FromUnits(-150), Money.FromUnits(850), Money.FromUnits(850));

        Assert.Equal("daily_loss_breached", freeze);
    }

    [Fact]
    public void Day_roll_resets_counters_but_never_lifts_a_breach()
    {
        var f = Make(new RiskLimits { DailyLossLimit = Money.FromUnits(100) });
        f.Gate.OnAccount(Money.FromUnits(-100), Money.FromUnits(900), Money.FromUnits(900));

        f.Clock.Advance(TimeSpan.FromDays(1));
        f.Gate.Tick();

        Assert.Equal(Money.Zero, f.Gate.DailyPnl);
        Assert.True(f.Gate.IsBreached);
        Assert.Equal(DenyReason.DailyLossBreached, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
    }

    [Fact]
    public void Reset_with_confirmation_lifts_a_breach()
    {
        var f = Make(new RiskLimits { DailyLossLimit = Money.FromUnits(100) });
        f.Gate.OnAccount(Money.FromUnits(-100), Money.FromUnits(900), Money.FromUnits(900));

        Assert.True(f.Gate.ResetBreach());

        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Kill_switch_halts_and_its_removal_does_not_resume()
    {
        var f = Make();
        f.Gate.SetKillSwitch(true);
        Assert.Equal(DenyReason.KillSwitch, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);

        f.Gate.SetKillSwitch(false);

        Assert.Equal(TradingState.Halted, f.Gate.State);
        Assert.Equal(DenyReason.Halted, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
        f.Gate.SetManualState(TradingState.Active, "operator resume");
        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Reducing_state_allows_only_position_reducing_orders()
    {
        var f = Make();
        f.Hold(f.Yes, 100);
        f.Gate.SetManualState(TradingState.Reducing, "operator");

        Assert.Equal(DenyReason.ReducingOnly, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
        Assert.True(f.Gate.Check(Sell(f.Yes, "0.51", 10)).IsAllowed);
    }

    [Fact]
    public void Buying_the_complement_counts_as_reducing_a_binary_position()
    {
        var f = Make();
        f.Hold(f.Yes, 100);
        f.Gate.SetManualState(TradingState.Reducing, "operator");

        Assert.True(f.Gate.Check(Buy(f.No, "0.49", 50)).IsAllowed);
    }

    [Fact]
    public void Reduce_only_order_that_would_increase_is_denied()
    {
        var f = Make();
        f.Hold(f.Yes, 100);
        Assert.Equal(DenyReason.ReduceOnlyWouldIncrease, f.Gate.Check(Buy(f.Yes, "0.49", 10, reduceOnly: true)).Reason);
    }

    [Theory]
    [InlineData("0.495", DenyReason.OffTick)]
    [InlineData("0.995", DenyReason.PriceOutOfBounds)]
    [InlineData("0.20", DenyReason.FatFinger)]
    public void Denies_prices_that_are_off_tick_out_of_bounds_or_far_from_the_mark(string price, DenyReason expected)
    {
        var f = Make();
        Assert.Equal(expected, f.Gate.Check(Buy(f.Yes, price, 10)).Reason);
    }

    [Fact]
    public void Denies_size_below_the_instrument_minimum()
    {
        var f = Make();
        Assert.Equal(DenyReason.InvalidSize, f.Gate.Check(Buy(f.Yes, "0.49", 1)).Reason);
    }

    [Fact]
    public void Denies_order_above_max_size_and_max_notional()
    {
        var f = Make(new RiskLimits { MaxOrderSize = Quantity.FromUnits(100), MaxOrderNotional = Money.FromUnits(20) });
        Assert.Equal(DenyReason.MaxOrderSize, f.Gate.Check(Buy(f.Yes, "0.10", 101)).Reason);
        Assert.Equal(DenyReason.MaxOrderNotional, f.Gate.Check(Buy(f.Yes, "0.49", 50)).Reason);
    }

    [Fact]
    public void Denies_without_a_mark_price()
    {
        var f = Make();
        f.Ledger.SetMark(f.Yes, Price.Zero);
        Assert.Equal(DenyReason.NoMark, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
    }

    [Fact]
    public void Denies_a_bid_at_or_above_our_own_ask()
    {
        var f = Make();
        f.Gate.SetOwnQuotes(f.Yes, Price.Zero, Price.Parse("0.52"));
        Assert.Equal(DenyReason.SelfCross, f.Gate.Check(Buy(f.Yes, "0.52", 10)).Reason);
        Assert.True(f.Gate.Check(Buy(f.Yes, "0.51", 10)).IsAllowed);
    }

    [Fact]
    public void Denies_a_yes_bid_that_would_cross_our_own_no_bid_through_the_complement()
    {
        var f = Make();
        f.Gate.SetOwnQuotes(f.No, Price.Parse("0.48"), Price.Zero);
        Assert.Equal(DenyReason.SelfCross, f.Gate.Check(Buy(f.Yes, "0.52", 10)).Reason);
        Assert.True(f.Gate.Check(Buy(f.Yes, "0.51", 10)).IsAllowed);
    }

    [Fact]
    public void Denies_growth_past_max_position_but_allows_reduction()
    {
        var f = Make(new RiskLimits { MaxPositionPerInstrument = Quantity.FromUnits(100) });
        f.Hold(f.Yes, 95);

        Assert.Equal(DenyReason.MaxPosition, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
        Assert.True(f.Gate.Check(Sell(f.Yes, "0.51", 10)).IsAllowed);
    }

    [Fact]
    public void Denies_growth_of_a_position_older_than_the_max_hold_time()
    {
        var f = Make(new RiskLimits { MaxHoldTime = TimeSpan.FromHours(1) });
        f.Hold(f.Yes, 10);
        f.Clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(DenyReason.MaxHoldTime, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
        Assert.True(f.Gate.Check(Sell(f.Yes, "0.51", 10)).IsAllowed);
    }

    [Fact]
    public void Denies_when_directional_exposure_would_pass_the_limit()
    {
        var f = Make(new RiskLimits { MaxDirectionalExposure = Money.FromUnits(100), MaxOrderNotional = Money.FromUnits(1_000) });
        f.Hold(f.Yes, 190);

        Assert.Equal(DenyReason.DirectionalExposure, f.Gate.Check(Buy(f.Yes, "0.49", 30)).Reason);
    }

    [Fact]
    public void Denies_a_new_position_past_max_concurrent_positions()
    {
        var f = Make(new RiskLimits { MaxConcurrentPositions = 1 });
        f.Hold(f.Yes, 10);

        Assert.Equal(DenyReason.MaxConcurrentPositions, f.Gate.Check(new OrderRequest(ClientOrderId.From(1, 99), f.Perp.Id, Side.Buy, OrderType.Limit,
            TimeInForce.Gtc, Price.Parse("60000"), Quantity.Parse("0.001"))).Reason);
    }

    [Fact]
    public void Denies_past_max_open_orders_and_max_orders_per_day()
    {
        var f = Make(new RiskLimits { MaxOpenOrders = 1, MaxOrdersPerDay = 2 });
        var first = Buy(f.Yes, "0.49", 10);
        f.Gate.OnOrderSent(first, f.Yes);
        Assert.Equal(DenyReason.MaxOpenOrders, f.Gate.Check(Buy(f.Yes, "0.48", 10)).Reason);

        f.Gate.OnOrderClosed();
        f.Gate.OnOrderSent(Buy(f.Yes, "0.48", 10), f.Yes);
        f.Gate.OnOrderClosed();
        Assert.Equal(DenyReason.MaxOrdersPerDay, f.Gate.Check(Buy(f.Yes, "0.47", 10)).Reason);
    }

    [Fact]
    public void Max_open_orders_never_denies_a_reducing_order()
    {
        var f = Make(new RiskLimits { MaxOpenOrders = 1 });
        f.Hold(f.Yes, 20);
        f.Gate.OnOrderSent(Buy(f.Yes, "0.49", 10), f.Yes);

        Assert.Equal(DenyReason.MaxOpenOrders, f.Gate.Check(Buy(f.Yes, "0.48", 10)).Reason);
        Assert.True(f.Gate.Check(Sell(f.Yes, "0.51", 10)).IsAllowed);
    }

    [Fact]
    public void Max_orders_per_day_never_denies_a_reducing_order()
    {
        var f = Make(new RiskLimits { MaxOrdersPerDay = 1 });
        f.Hold(f.Yes, 20);
        f.Gate.OnOrderSent(Buy(f.Yes, "0.49", 10), f.Yes);
        f.Gate.OnOrderClosed();

        Assert.Equal(DenyReason.MaxOrdersPerDay, f.Gate.Check(Buy(f.Yes, "0.48", 10)).Reason);
        // Buying NO shrinks a long YES position (one binary market): reducing, so the daily cap lets it through.
        Assert.True(f.Gate.Check(Buy(f.No, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Cash_locked_by_open_buys_is_not_available_again()
    {
        var f = Make(new RiskLimits { MaxOrderNotional = Money.FromUnits(1_000) });
        f.Gate.Initialize(Money.Zero, Money.Zero, Money.FromUnits(10), Money.FromUnits(10));
        f.Gate.OnOrderSent(Buy(f.Yes, "0.50", 16), f.Yes);

        Assert.Equal(Money.FromUnits(2), f.Gate.AvailableCash);
        Assert.Equal(DenyReason.InsufficientCash, f.Gate.Check(Buy(f.Yes, "0.50", 5)).Reason);
    }

    [Fact]
    public void Tokens_locked_by_open_sells_are_not_available_again()
    {
        var f = Make();
        f.Hold(f.Yes, 10);
        f.Gate.OnOrderSent(Sell(f.Yes, "0.55", 6), f.Yes);

        Assert.Equal(DenyReason.InsufficientTokens, f.Gate.Check(Sell(f.Yes, "0.56", 5)).Reason);
    }

    [Fact]
    public void Denies_when_the_submit_bucket_is_empty_and_refills_on_the_clock()
    {
        var f = Make(new RiskLimits { SubmitRatePerSecond = 1, SubmitBurst = 2 });
        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
        Assert.Equal(DenyReason.RateLimited, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);

        f.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Venue_pause_denies_submits_to_that_venue_until_retry_after()
    {
        var f = Make();
        f.Gate.PauseSubmitsUntil(f.Yes.Id.Venue, Start.AddSeconds(5));
        Assert.Equal(DenyReason.SubmitsPaused, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);

        f.Clock.Advance(TimeSpan.FromSeconds(6));

        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Pause_of_another_venue_does_not_deny_submits()
    {
        var f = Make();
        f.Gate.PauseSubmitsUntil("another-venue", Start.AddSeconds(5));
        f.Gate.SetSubmitCircuit("another-venue", Start.AddSeconds(5));
        f.Clock.Advance(TimeSpan.FromSeconds(1)); // the pause emptied the shared submit bucket; it refills, the pause holds

        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Mirrors_the_adapters_open_submit_circuit_until_its_break_ends()
    {
        var f = Make();
        f.Gate.SetSubmitCircuit(f.Yes.Id.Venue, Start.AddSeconds(5));
        Assert.True(f.Gate.IsCircuitOpen(f.Yes.Id.Venue));
        Assert.Equal(DenyReason.CircuitOpen, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);

        // Past the break the breaker's next submit is its trial: the gate must let it through.
        f.Clock.Advance(TimeSpan.FromSeconds(6));

        Assert.False(f.Gate.IsCircuitOpen(f.Yes.Id.Venue));
        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Closed_circuit_reported_by_the_adapter_allows_submits_at_once()
    {
        var f = Make();
        f.Gate.SetSubmitCircuit(f.Yes.Id.Venue, Start.AddSeconds(30));

        f.Gate.SetSubmitCircuit(f.Yes.Id.Venue, null);

        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Open_circuit_denies_a_whole_basket_before_any_leg_is_judged()
    {
        var f = Make();
        f.Gate.SetSubmitCircuit(f.Yes.Id.Venue, Start.AddSeconds(5));

        var decision = f.Gate.CheckBasket([Buy(f.Yes, "0.49", 10), Buy(f.Yes, "0.48", 10)]);

        Assert.Equal(DenyReason.CircuitOpen, decision.Reason);
        Assert.Equal(-1, decision.LegIndex);
    }

    [Fact]
    public void Consecutive_losses_trip_a_cooldown_then_reducing()
    {
        var f = Make(new RiskLimits { ConsecutiveLossLimit = 3, LossCooldown = TimeSpan.FromMinutes(10) });
        for (int i = 0; i < 3; i++) f.Gate.OnRoundTrip(Money.FromUnits(-1));

        Assert.Equal(DenyReason.LossCooldown, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
        f.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(TradingState.Reducing, f.Gate.State);
        Assert.Equal(DenyReason.ReducingOnly, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
    }

    [Fact]
    public void The_end_of_a_loss_cooldown_is_published_as_reducing()
    {
        var f = Make(new RiskLimits { ConsecutiveLossLimit = 3, LossCooldown = TimeSpan.FromMinutes(10) });
        var changes = new List<(TradingState From, TradingState To, string Reason)>();
        f.Gate.StateChanged += (from, to, reason) => changes.Add((from, to, reason));
        for (int i = 0; i < 3; i++) f.Gate.OnRoundTrip(Money.FromUnits(-1));

        f.Clock.Advance(TimeSpan.FromMinutes(11));
        f.Gate.Tick();

        Assert.Equal([(TradingState.Active, TradingState.Halted, "consecutive_loss_breaker"), (TradingState.Halted, TradingState.Reducing, "loss_cooldown_over")], changes);
    }

    [Fact]
    public void Consecutive_loss_breaker_halt_is_a_critical_alert()
    {
        var f = Make(new RiskLimits { ConsecutiveLossLimit = 3, LossCooldown = TimeSpan.FromMinutes(10) });
        for (int i = 0; i < 3; i++) f.Gate.OnRoundTrip(Money.FromUnits(-1));

        Assert.Equal(TradingState.Halted, f.Gate.State);
        Assert.Equal(AlertSeverity.Critical, Assert.Single(f.Alerts.Active, a => a.Code == "loss_breaker").Severity);
    }

    [Fact]
    public void Loss_breaker_alert_clears_once_an_operator_resumes_after_the_cooldown()
    {
        var f = Make(new RiskLimits { ConsecutiveLossLimit = 3, LossCooldown = TimeSpan.FromMinutes(10) });
        for (int i = 0; i < 3; i++) f.Gate.OnRoundTrip(Money.FromUnits(-1));
        f.Clock.Advance(TimeSpan.FromMinutes(11));
        f.Gate.Tick();
        Assert.True(f.Alerts.IsActive("loss_breaker"), "REDUCING after the cool-down is still the breaker's doing");

        f.Gate.SetManualState(TradingState.Active, "operator:test");
        f.Gate.Tick();

        Assert.False(f.Alerts.IsActive("loss_breaker"));
    }

    [Fact]
    public void A_reducing_request_never_lifts_a_halt()
    {
        var f = Make();
        f.Gate.SetManualState(TradingState.Halted, "operator");

        Assert.False(f.Gate.RequestReducing("arb:arb_unhedged"));
        Assert.Equal(TradingState.Halted, f.Gate.State);
    }

    [Fact]
    public void A_reducing_request_restricts_an_active_gate_until_an_operator_resumes()
    {
        var f = Make();
        f.Hold(f.Yes, 20);

        Assert.True(f.Gate.RequestReducing("arb:arb_unhedged"));

        Assert.Equal(TradingState.Reducing, f.Gate.State);
        Assert.Equal(DenyReason.ReducingOnly, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
        f.Gate.SetManualState(TradingState.Active, "operator:test");
        Assert.True(f.Gate.Check(Buy(f.Yes, "0.49", 10)).IsAllowed);
    }

    [Fact]
    public void Equity_below_min_bankroll_halts()
    {
        var f = Make(new RiskLimits { MinBankroll = Money.FromUnits(500), DailyLossLimit = Money.FromUnits(10_000) });
        f.Gate.OnAccount(Money.FromUnits(-600), Money.FromUnits(400), Money.FromUnits(400));

        Assert.Equal(DenyReason.BelowMinBankroll, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
    }

    [Fact]
    public void Basket_is_denied_whole_when_one_leg_fails()
    {
        var f = Make();
        var legs = new[] { Buy(f.Yes, "0.49", 10), Buy(f.No, "0.495", 10) };

        var decision = f.Gate.CheckBasket(legs);

        Assert.Equal(DenyReason.OffTick, decision.Reason);
        Assert.Equal(1, decision.LegIndex);
    }

    [Fact]
    public void Basket_counts_cash_of_all_legs_together()
    {
        var f = Make();
        f.Gate.Initialize(Money.Zero, Money.Zero, Money.FromUnits(9), Money.FromUnits(9));
        var legs = new[] { Buy(f.Yes, "0.49", 10), Buy(f.No, "0.49", 10) };

        Assert.Equal(DenyReason.InsufficientCash, f.Gate.CheckBasket(legs).Reason);
    }

    [Fact]
    public void Complete_set_basket_adds_no_directional_exposure()
    {
        var f = Make(new RiskLimits { MaxPositionPerInstrument = Quantity.FromUnits(10) });
        var legs = new[] { Buy(f.Yes, "0.49", 10), Buy(f.No, "0.49", 10) };

        Assert.True(f.Gate.CheckBasket(legs).IsAllowed);
    }

    [Fact]
    public void Denies_a_basket_of_more_legs_than_the_gate_judges_at_once_as_too_large()
    {
        var f = Make(new RiskLimits { MaxOpenOrders = 1_000 });
        var legs = Enumerable.Range(0, RiskGate.MaxBasketLegs + 1).Select(_ => Buy(f.Yes, "0.01", 1)).ToArray();

        var decision = f.Gate.CheckBasket(legs);

        Assert.Equal(DenyReason.BasketTooLarge, decision.Reason);
        Assert.Equal("basket_too_large", decision.Code);
    }

    [Fact]
    public void Venue_cancel_only_mode_denies_submits()
    {
        var f = Make();
        f.Gate.SetVenueMode(cancelOnly: true, postOnly: false);
        Assert.Equal(DenyReason.VenueUnavailable, f.Gate.Check(Buy(f.Yes, "0.49", 10)).Reason);
    }

    [Fact]
    public void Deny_reason_codes_are_snake_case()
    {
        Assert.Equal("daily_loss_breached", DenyReasonCodes.Of(DenyReason.DailyLossBreached));
        Assert.Equal("max_open_orders", new RiskDecision(DenyReason.MaxOpenOrders).Code);
    }
}
