using Bookmaker.Strategies.MarketMaking;
using static Bookmaker.Strategies.Tests.MarketMaking.MmTestData;

namespace Bookmaker.Strategies.Tests.MarketMaking;

public class AvellanedaStoikovTests
{
    // σ² per hour = s² × var_per_sec × 3600 = 0.25 × (1e-4 / 900) × 3600 = 1e-4 at s = 0.5.
    private const double VarPerSecond = 1e-4 / 900.0;

    [Fact]
    public void Formula_matches_hand_computation()
    {
        // s = 0.5, q = 2 lots, γ = 10, σ² = 1e-4, τ = 1, κ = 100
        // γσ²τ = 10 × 1e-4 × 1 = 0.001
        // r = 0.5 − 2 × 0.001 = 0.498
        // δ = 0.001 + (2/10)·ln(1 + 10/100) = 0.001 + 0.2 × 0.0953102 = 0.0200620 ⇒ δ/2 = 0.0100310
        var (r, half) = AvellanedaStoikov.Formula(0.5, 2, 10, 1e-4, 1, 100);
        Assert.Equal(0.498, r, 12);
        Assert.Equal((0.001 + 0.2 * Math.Log(1.1)) / 2, half, 12);
        Assert.Equal(0.0100310, half, 6);
    }

    [Fact]
    public void Finite_horizon_uses_time_to_market_end_in_hours()
    {
        var o = new AvellanedaStoikovOptions(Horizon: HorizonMode.Finite);
        // 6 h to the end ⇒ τ = 6; q = −100 shares = −1 lot
        // γσ²τ = 10 × 1e-4 × 6 = 0.006; r = 0.5 + 0.006 = 0.506
        // δ = 0.006 + 0.2 × ln(1.1) = 0.006 + 0.0190620 = 0.0250620 ⇒ δ/2 = 0.0125310
        var q = AvellanedaStoikov.Compute(o, 0.5, Q("-100"), VarPerSecond, 0, TimeSpan.FromHours(6).Ticks);
        Assert.Equal(6, q.Tau, 12);
        Assert.Equal(1e-4, q.PriceVariance, 15);
        Assert.Equal(0.506, q.Reservation, 12);
        Assert.Equal(0.0125310, q.HalfSpread, 6);
    }

    [Fact]
    public void Finite_horizon_tau_is_floored_at_the_minimum_and_capped()
    {
        var o = new AvellanedaStoikovOptions(Horizon: HorizonMode.Finite);
        Assert.Equal(1.0 / 60, AvellanedaStoikov.Tau(o, 0, Seconds(10)), 12);
        Assert.Equal(1.0 / 60, AvellanedaStoikov.Tau(o, Seconds(100), Seconds(10)), 12); // already ended
        Assert.Equal(24, AvellanedaStoikov.Tau(o, 0, TimeSpan.FromDays(30).Ticks), 12);
    }

    [Fact]
    public void Infinite_horizon_uses_a_constant_tau_of_one_unit()
    {
        var o = new AvellanedaStoikovOptions();
        var q = AvellanedaStoikov.Compute(o, 0.5, Q("200"), VarPerSecond, 0, TimeSpan.FromHours(6).Ticks);
        Assert.Equal(1, q.Tau);
        Assert.Equal(0.498, q.Reservation, 12);
    }

    [Fact]
    public void Uses_fitted_kappa_when_given_and_configured_kappa_otherwise()
    {
        var o = new AvellanedaStoikovOptions();
        Assert.Equal(100, AvellanedaStoikov.Compute(o, 0.5, Q("0"), 0, 0, 0).Kappa);
        var fitted = AvellanedaStoikov.Compute(o, 0.5, Q("0"), 0, 0, 0, fittedKappa: 50);
        Assert.Equal(50, fitted.Kappa);
        // σ = 0 ⇒ δ = (2/10)·ln(1 + 10/50) = 0.2 × ln 1.2 = 0.0364643
        Assert.Equal(0.1 * Math.Log(1.2), fitted.HalfSpread, 12);
    }

    [Fact]
    public void Linear_skew_moves_reservation_by_cents_per_hundred_shares()
    {
        var o = new AvellanedaStoikovOptions(Model: QuoteModel.LinearSkew, SkewCentsPer100: 2, BaseSpread: 0.02);
        // r = 0.5 − (2/100) × (150/100) = 0.5 − 0.03 = 0.47; half = 0.01
        var q = AvellanedaStoikov.Compute(o, 0.5, Q("150"), VarPerSecond, 0, 0);
        Assert.Equal(0.47, q.Reservation, 12);
        Assert.Equal(0.01, q.HalfSpread, 12);
    }

    [Fact]
    public void Long_inventory_lowers_the_reservation_price_and_short_raises_it()
    {
        var o = new AvellanedaStoikovOptions();
        Assert.True(AvellanedaStoikov.Compute(o, 0.5, Q("50"), VarPerSecond, 0, 0).Reservation < 0.5);
        Assert.True(AvellanedaStoikov.Compute(o, 0.5, Q("-50"), VarPerSecond, 0, 0).Reservation > 0.5);
    }

    [Fact]
    public void Validation_names_the_key_value_and_rule()
    {
        var errors = new AvellanedaStoikovOptions(Gamma: 0, MaxTau: 0.001).Validate();
        Assert.Contains(errors, e => e.Key == "mm.as.gamma" && e.Value == "0" && e.Rule.Contains("> 0"));
        Assert.Contains(errors, e => e.Key == "mm.as.maxTau");
        Assert.Empty(new AvellanedaStoikovOptions().Validate());
    }
}
