using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>How the <see cref="BasketExecutor"/> sends and repairs baskets.</summary>
/// <param name="LegTimeInForce">Entry legs: FOK (default) or FAK.</param>
/// <param name="LegTimeout">A leg without a final answer this long after it left is cancelled and counted as timed out.</param>
/// <param name="UnwindTimeout">A basket still unhedged this long after detection raises a WARNING alert; repairs turn aggressive.</param>
/// <param name="Policy">Loss cap for completing, slippage cap for unwinding.</param>
/// <param name="AggressiveSlippageCap">The unwind slippage cap after the unwind deadline.</param>
/// <param name="RetryInterval">Pause before a denied or impossible repair is tried again.</param>
public sealed record BasketExecutorOptions(
    TimeInForce LegTimeInForce,
    TimeSpan LegTimeout,
    TimeSpan UnwindTimeout,
    BasketPolicyOptions Policy,
    Price AggressiveSlippageCap,
    TimeSpan RetryInterval)
{
    /// <summary>
    /// A basket still unhedged this long after detection is past repairing within limits: the <c>arb_unhedged</c> alert
    /// turns CRITICAL and the executor asks the gate for REDUCING (it keeps unwinding). Longer than <see cref="UnwindTimeout"/>.
    /// </summary>
    public TimeSpan GiveUpTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After a basket stayed unhedged past <see cref="UnwindTimeout"/>, no new basket is opened on its market for this
    /// long once it is hedged again: a market that legged us in tends to do it again, and each episode costs spreads.
    /// </summary>
    public TimeSpan UnhedgedQuarantine { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// True (default) when the venue keeps a taker BUY's fee in shares, as Polymarket does: BUY legs and completing BUYs
    /// are then sized up so that the shares kept make the sets (<see cref="LegBuySize"/>). False for a venue that
    /// charges every fee in cash (legs are sent at the set count).
    /// </summary>
    public bool BuyFeesInShares { get; init; } = true;

    /// <summary>
    /// How long a completion that would keep too little of the expected edge waits for its price (after losing the race
    /// for a leg); see <see cref="CompletionPatience"/>. Must end before <see cref="UnwindTimeout"/>.
    /// </summary>
    public CompletionPatience Patience { get; init; } = CompletionPatience.Default;

    /// <summary>Defaults: FOK, 2 s leg timeout, 10 s unwind deadline, 1 min give-up, 30 min quarantine, $1 loss cap,
    /// 0.02 / 0.05 slippage caps, 250 ms retry, completions wait up to 3 s for a price keeping 80 % of the edge.</summary>
    public static BasketExecutorOptions Default { get; } = new(TimeInForce.Fok, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10),
        new BasketPolicyOptions(Money.FromUnits(1), Price.Parse("0.02")), Price.Parse("0.05"), TimeSpan.FromMilliseconds(250));
}

/// <summary>Everything the <see cref="ArbitrageStrategy"/> needs: scanner, executor and book depth.</summary>
/// <param name="Scanner">What counts as an opportunity and how big a basket may be.</param>
/// <param name="Executor">How baskets are sent and repaired.</param>
/// <param name="Depth">Book levels per leg copied into a basket.</param>
/// <param name="AlertThresholds">Success and unwind rate thresholds of the alerts.</param>
/// <param name="LinkedBinaryBooks">
/// True (default) when a binary market's YES and NO tokens share one linked book, as on Polymarket's CLOB and the
/// simulated venue: a NO bid at b is a YES ask at 1 − b, so the two books must mirror each other. A binary basket is
/// then evaluated only while they do: a disagreement means one token's update of the same venue instant has not been
/// applied yet (a torn view), and the "edge" it shows is not on the venue. False for venues with two separate books.
/// </param>
public sealed record ArbitrageStrategyOptions(
    ArbScannerOptions Scanner,
    BasketExecutorOptions Executor,
    int Depth = 10,
    ArbAlertThresholds? AlertThresholds = null,
    bool LinkedBinaryBooks = true)
{
    /// <summary>Scanner and executor defaults, 10 levels.</summary>
    public static ArbitrageStrategyOptions Default { get; } = new(ArbScannerOptions.Default, BasketExecutorOptions.Default);

    /// <summary>Maps the validated configuration section <c>Strategies:Arbitrage</c>.</summary>
    public static ArbitrageStrategyOptions From(ArbitrageOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new ArbitrageStrategyOptions(
            new ArbScannerOptions(o.MinProfitPerSet, o.MaxSets, o.MaxBasketNotional, o.Cooldown, o.IncludePlaceholderEvents),
            new BasketExecutorOptions(
                o.LegTimeInForce == ArbLegTimeInForce.Fak ? TimeInForce.Fak : TimeInForce.Fok,
                o.LegTimeout,
                o.UnwindTimeout,
                new BasketPolicyOptions(o.LossCap, o.SlippageCap),
                o.AggressiveSlippageCap,
                o.RetryInterval)
            {
                GiveUpTimeout = o.GiveUpTimeout,
                UnhedgedQuarantine = o.UnhedgedQuarantine,
                Patience = new CompletionPatience((double)o.CompletionEdgeShare, o.CompletionPatience),
            },
            o.Depth);
    }
}
