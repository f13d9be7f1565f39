using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;
using Bookmaker.Strategies.MarketMaking.Protections;
using ConfigOptions = Bookmaker.Engine.Configuration.MarketMakerOptions;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>Maps the validated <c>MarketMaker</c> configuration section onto <see cref="MarketMakerOptions"/>.</summary>
public static class MarketMakerConfig
{
    /// <summary>
    /// Builds the strategy's options from configuration: ladder offsets 0, s, 2s, … (s = LevelSpacingTicks) with
    /// QuoteSize each; SkewMode avellaneda ⇒ A-S with Gamma/Kappa, linear ⇒ linear skew (SkewCentsPer100, total
    /// spread MinSpread), none ⇒ linear skew with zero skew; RequoteThresholdTicks ⇒ reconciler price tolerance, YoungQuoteRequoteTicks ⇒ its tolerance for quotes younger than the reward minimum order age.
    /// Knobs without a key keep the defaults of docs/market-maker.md. The result still goes through
    /// <see cref="MarketMakerOptions.Validate"/>.
    /// </summary>
    /// <param name="config">The validated section.</param>
    /// <param name="quotesCrypto">
    /// True when some quoted instrument is not an outcome token: its terms are then resolved per market at its first
    /// book, where terms the operator did not set take <see cref="CryptoQuoteDefaults"/>.
    /// </param>
    public static MarketMakerOptions FromConfig(ConfigOptions config, bool quotesCrypto = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        var offsets = new int[config.Levels];
        var sizes = new Quantity[config.Levels];
        for (int i = 0; i < config.Levels; i++)
        {
            offsets[i] = i * config.LevelSpacingTicks;
            sizes[i] = config.QuoteSize;
        }

        double minSpread = (double)config.MinSpread;
        var model = config.SkewMode switch
        {
            SkewMode.Avellaneda => new AvellanedaStoikovOptions(
                Model: QuoteModel.AvellanedaStoikov,
                Horizon: config.Horizon == QuoteHorizon.Finite ? HorizonMode.Finite : HorizonMode.Infinite,
                Gamma: (double)config.Gamma,
                Kappa: (double)config.Kappa),
            SkewMode.Linear => new AvellanedaStoikovOptions(Model: QuoteModel.LinearSkew, SkewCentsPer100: (double)config.SkewCentsPer100, BaseSpread: minSpread),
            _ => new AvellanedaStoikovOptions(Model: QuoteModel.LinearSkew, SkewCentsPer100: 0, BaseSpread: minSpread),
        };

        return new MarketMakerOptions(
            Model: model,
            Ladder: new QuoteLadderOptions(LevelOffsetsTicks: offsets, LevelSizes: sizes, PostOnly: config.PostOnly, MaxInventory: config.MaxInventory),
            Reconciler: new QuoteReconcilerOptions(config.RequoteThresholdTicks, (double)config.SizeTolerancePercent, config.YoungQuoteRequoteTicks),
            Gap: new GapGuardOptions(config.MaxSpread),
            Stale: new StaleGuardOptions(config.MaxBookAge),
            HoldTime: new HoldTimeGuardOptions(config.MaxHold, config.ForcedExitAfter, config.MaxSlippage),
            StopLoss: new StopLossGuardOptions(config.StopLoss, (double)config.MaxAdverseMovePercent),
            Markout: new MarkoutTrackerOptions(
                ThresholdBps: (double)config.MarkoutThresholdBps,
                WidenFactor: (double)config.MarkoutWidenFactor,
                PauseAfter: config.MarkoutPauseAfter),
            Edge: new EdgeGuardOptions((double)config.MinEdgeBps),
            PostOnly: new PostOnlyRetryOptions(config.PostOnlyRetries, config.PostOnlyBackoff))
        {
            RequoteInterval = config.RequoteInterval,
            MinSpread = Price.FromDecimal(config.MinSpread),
            FitKappa = config.FitKappa,
            RebateBps = config.RebateBps is { } rebate ? (double)rebate : null,
            PauseCooldown = config.PauseCooldown,
            QuietAlertAfter = config.QuietAlertAfter,
            // Relative terms and per-instrument overrides are resolved per market at its first book; without them every
            // market quotes with these absolute options, exactly as before.
            PerMarket = config.HasInstrumentTerms || quotesCrypto ? new ConfiguredMarketOptions(config) : null,
        };
    }
}
