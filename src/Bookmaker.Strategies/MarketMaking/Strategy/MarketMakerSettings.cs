using Bookmaker.Strategies.MarketMaking.Protections;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// The market maker's options resolved once, shared by its parts: the options records' <c>?? new()</c> / <c>?? Parse</c>
/// defaults must not run per book update, so every part reads these fields instead.
/// </summary>
internal sealed class MarketMakerSettings
{
    public MarketMakerSettings(MarketMakerOptions options)
    {
        Options = options;
        MaxLadderQuotes = new QuoteLadder(options.LadderOptions).MaxQuotes;
        Reconciler = new QuoteReconciler(options.ReconcilerOptions);
        PostOnly = options.LadderOptions.PostOnly;
        Fair = options.FairOptions;
        Router = options.RouterOptions;
        Stale = new(options.StaleOptions.MaxAge);
        Stop = new(options.StopLossOptions.Loss, options.StopLossOptions.MaxAdverseMovePercent);
        Edge = options.EdgeOptions;
        RebateOverrideBps = options.RebateBps;
        Retry = options.PostOnlyOptions with { InitialBackoff = options.PostOnlyOptions.Backoff };
        SharedTerms = options.PerMarket is null ? new MarketQuoteTerms(options) : null;
        DecisionHorizon = options.MarkoutOptions.DecisionHorizon;
        RequoteTicks = options.RequoteInterval.Ticks;
    }

    public MarketMakerOptions Options { get; }

    /// <summary>Most quotes one ladder builds (sizes every market's buffers).</summary>
    public int MaxLadderQuotes { get; }

    public QuoteReconciler Reconciler { get; }

    /// <summary>True when quotes are sent post-only.</summary>
    public bool PostOnly { get; }

    public FairPriceOptions Fair { get; }

    public ComplementRouterOptions Router { get; }

    public StaleGuardOptions Stale { get; }

    public StopLossGuardOptions Stop { get; }

    public EdgeGuardOptions Edge { get; }

    /// <summary>The configured maker rebate (bps) that replaces the markets' fee models in the edge estimate; null: use them.</summary>
    public double? RebateOverrideBps { get; }

    public PostOnlyRetryOptions Retry { get; }

    /// <summary>Null when markets resolve their own terms (options.PerMarket): each market's are set at its first two-sided book.</summary>
    public MarketQuoteTerms? SharedTerms { get; }

    public int DecisionHorizon { get; }

    public long RequoteTicks { get; }
}
