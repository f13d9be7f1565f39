using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking;

/// <summary>How the reservation price and spread are modelled.</summary>
public enum QuoteModel : byte
{
    /// <summary>Avellaneda–Stoikov (2008) reservation price and optimal spread.</summary>
    AvellanedaStoikov = 0,

    /// <summary>Linear skew: reservation = fair − skewCentsPer100 × q/100 cents; fixed base spread.</summary>
    LinearSkew = 1,
}

/// <summary>Finite or infinite horizon for Avellaneda–Stoikov.</summary>
public enum HorizonMode : byte
{
    /// <summary>τ = 1 time unit, constant (Hummingbot's later "infinite" variant; see docs).</summary>
    Infinite = 0,

    /// <summary>τ = time left to the market's end, in time units, clamped to [MinTau, MaxTau].</summary>
    Finite = 1,
}

/// <summary>Options of <see cref="AvellanedaStoikov"/>. Prices are in quote units (a Polymarket share: dollars).</summary>
/// <param name="Model">A-S or linear skew (default A-S).</param>
/// <param name="Horizon">Finite or infinite horizon (default infinite).</param>
/// <param name="Gamma">Risk aversion γ, per (inventory unit × price unit) (default 10).</param>
/// <param name="Kappa">Order-book liquidity κ, per price unit, used when no fitted κ is given (default 100: fill
/// intensity falls e-fold per cent of distance).</param>
/// <param name="TimeUnit">The unit of τ and of σ² (default 1 hour).</param>
/// <param name="MinTau">Floor of τ in time units for the finite horizon (default 1/60: one minute at hourly units).</param>
/// <param name="MaxTau">Cap of τ for the finite horizon so a far-away end does not blow the spread up (default 24).</param>
/// <param name="InventoryUnit">Shares per unit of q in the model (default 100 shares).</param>
/// <param name="SkewCentsPer100">Linear mode: cents the reservation moves per 100 shares of q (default 1).</param>
/// <param name="BaseSpread">Linear mode: total spread in price units (default 0.02).</param>
public sealed record AvellanedaStoikovOptions(
    QuoteModel Model = QuoteModel.AvellanedaStoikov,
    HorizonMode Horizon = HorizonMode.Infinite,
    double Gamma = 10.0,
    double Kappa = 100.0,
    TimeSpan? TimeUnit = null,
    double MinTau = 1.0 / 60.0,
    double MaxTau = 24.0,
    Quantity? InventoryUnit = null,
    double SkewCentsPer100 = 1.0,
    double BaseSpread = 0.02)
{
    /// <summary>The effective time unit (default 1 hour).</summary>
    public TimeSpan Unit => TimeUnit ?? TimeSpan.FromHours(1);

    /// <summary>The effective inventory unit (default 100 shares).</summary>
    public Quantity Lot => InventoryUnit ?? Quantity.FromUnits(100);

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, Enum.IsDefined(Model), "mm.model", Model.ToString(), "must be AvellanedaStoikov or LinearSkew");
        OptionError.Check(errors, Enum.IsDefined(Horizon), "mm.horizon", Horizon.ToString(), "must be Infinite or Finite");
        OptionError.Positive(errors, "mm.as.gamma", Gamma);
        OptionError.Positive(errors, "mm.as.kappa", Kappa);
        OptionError.Check(errors, Unit > TimeSpan.Zero, "mm.as.timeUnit", Unit.ToString(), "must be > 0");
        OptionError.Positive(errors, "mm.as.minTau", MinTau);
        OptionError.Check(errors, double.IsFinite(MaxTau) && MaxTau >= MinTau, "mm.as.maxTau", OptionError.Text(MaxTau), "must be >= minTau");
        OptionError.Check(errors, Lot.Raw > 0, "mm.as.inventoryUnit", Lot.ToString(), "must be > 0");
        OptionError.NonNegative(errors, "mm.linear.skewCentsPer100", SkewCentsPer100);
        OptionError.Positive(errors, "mm.linear.baseSpread", BaseSpread);
        return errors;
    }
}

/// <summary>The model's answer: where to centre the quotes and how far apart to put them (model doubles, not yet prices).</summary>
/// <param name="Reservation">Reservation price r.</param>
/// <param name="HalfSpread">Half of the optimal total spread δ.</param>
/// <param name="Tau">τ used (time units).</param>
/// <param name="Kappa">κ used.</param>
/// <param name="PriceVariance">σ² used: price variance per time unit.</param>
public readonly record struct ReservationQuote(double Reservation, double HalfSpread, double Tau, double Kappa, double PriceVariance);

/// <summary>
/// Avellaneda–Stoikov reservation price and optimal spread, and the simpler linear skew.
/// </summary>
/// <remarks>
/// <para>A-S: r = s − q·γ·σ²·τ and δ = γ·σ²·τ + (2/γ)·ln(1 + γ/κ); bid = r − δ/2, ask = r + δ/2.</para>
/// <para>Units: s is the fair price; q = inventory / InventoryUnit (binary net delta in YES-equivalent shares, in lots);
/// σ² is the price variance per time unit, obtained from the log-return variance per second of
/// <see cref="EwmaVolatility"/> as σ² = s² × var_per_sec × unit_seconds (small-return approximation).</para>
/// <para>Horizon: finite ⇒ τ = (end − now)/unit clamped to [MinTau, MaxTau] (an unknown end, endTicks ≤ 0, uses τ = 1).
/// Infinite ⇒ τ = 1 unit, constant: the convention of Hummingbot's later A-S variant, whose comments call the paper's
/// infinite-horizon formulas inconsistent; it makes the inventory term a fixed-horizon penalty of one unit.</para>
/// <para>Linear skew: r = s − (SkewCentsPer100/100) × (q_shares/100); δ = BaseSpread.</para>
/// Pure and allocation free.
/// </remarks>
public static class AvellanedaStoikov
{
    /// <summary>Price variance per time unit: σ² = s² × var_per_sec × unit_seconds.</summary>
    public static double PriceVariance(double fair, double logVariancePerSecond, TimeSpan unit) =>
        fair * fair * logVariancePerSecond * unit.TotalSeconds;

    /// <summary>The raw formulas: (r, δ/2) for given s, q (in lots), γ, σ² (per unit), τ (units), κ.</summary>
    public static (double Reservation, double HalfSpread) Formula(double fair, double q, double gamma, double sigma2, double tau, double kappa)
    {
        double risk = gamma * sigma2 * tau;
        double r = fair - q * risk;
        double delta = risk + 2.0 / gamma * Math.Log(1.0 + gamma / kappa);
        return (r, delta * 0.5);
    }

    /// <summary>τ in time units for the configured horizon.</summary>
    public static double Tau(AvellanedaStoikovOptions options, long nowTicks, long endTicks)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Horizon == HorizonMode.Infinite || endTicks <= 0) return 1.0;
        double left = (double)(endTicks - nowTicks) / options.Unit.Ticks;
        return Math.Clamp(left, options.MinTau, options.MaxTau);
    }

    /// <summary>
    /// Computes the reservation price and half-spread.
    /// </summary>
    /// <param name="options">Model options.</param>
    /// <param name="fair">Fair price s.</param>
    /// <param name="inventory">Net delta q in shares (positive = long YES-equivalent).</param>
    /// <param name="logVariancePerSecond">Log-return variance per second (e.g. <see cref="EwmaVolatility.VariancePerSecond"/>).</param>
    /// <param name="nowTicks">Now (ticks of the injected clock).</param>
    /// <param name="endTicks">Market end (ticks), or ≤ 0 when unknown.</param>
    /// <param name="fittedKappa">κ from <see cref="TradeIntensityEstimator"/>, or NaN to use the configured κ.</param>
    public static ReservationQuote Compute(
        AvellanedaStoikovOptions options, double fair, Quantity inventory, double logVariancePerSecond,
        long nowTicks, long endTicks, double fittedKappa = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(options);
        double qShares = inventory.ToDouble();
        if (options.Model == QuoteModel.LinearSkew)
        {
            double r = fair - options.SkewCentsPer100 / 100.0 * (qShares / 100.0);
            return new ReservationQuote(r, options.BaseSpread * 0.5, 0, double.NaN, 0);
        }

        double kappa = double.IsFinite(fittedKappa) && fittedKappa > 0 ? fittedKappa : options.Kappa;
        double tau = Tau(options, nowTicks, endTicks);
        double sigma2 = PriceVariance(fair, Math.Max(0, logVariancePerSecond), options.Unit);
        double q = qShares / options.Lot.ToDouble();
        var (res, half) = Formula(fair, q, options.Gamma, sigma2, tau, kappa);
        return new ReservationQuote(res, half, tau, kappa, sigma2);
    }
}
