using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>
/// Whether a basket that lost a leg should complete now or wait a little for its price. Losing the race for a
/// mispriced ask to a faster arbitrageur leaves the other legs filled and the lost leg's ask a tick or more higher; completing at
/// once pays that tick on every set, often the whole expected edge. The mispriced quote is usually re-posted within a
/// second (the maker that showed it quotes the same way until it refreshes), so a completion that would keep less than
/// <see cref="MinEdgeShare"/> of the edge expected on its sets waits, for at most <see cref="Window"/> after the
/// basket's first repair decision, for a book in which it does. After the window the outcome policy decides as before
/// (complete or unwind, the cheaper within the loss cap): the wait is bounded and never outlives the unwind deadline.
/// </summary>
/// <param name="MinEdgeShare">The share of the expected edge a completion must keep to go at once (0 turns waiting off).</param>
/// <param name="Window">How long a basket may wait for that price after its first repair decision (zero turns waiting off).</param>
public sealed record CompletionPatience(double MinEdgeShare, TimeSpan Window)
{
    /// <summary>No waiting: every completion goes at once (the behaviour before issue 15's race measurements).</summary>
    public static CompletionPatience Off { get; } = new(0, TimeSpan.Zero);

    /// <summary>The default: wait up to 3 s for a price that keeps 80 % of the expected edge (measured on the
    /// <c>liquid</c> profile, docs/arbitrage.md).</summary>
    public static CompletionPatience Default { get; } = new(0.8, TimeSpan.FromSeconds(3));

    /// <summary>True when the options can wait at all.</summary>
    public bool Enabled => MinEdgeShare > 0 && Window > TimeSpan.Zero;

    /// <summary>
    /// True when <paramref name="decision"/> completes the basket at a price that keeps less than
    /// <see cref="MinEdgeShare"/> of the edge <paramref name="expected"/> promised for <paramref name="expectedSets"/>
    /// sets (pro rata to the decision's target sets), and <paramref name="waited"/> is still inside the window.
    /// A decision to unwind, wait or do nothing never waits here; neither does one past the unwind deadline.
    /// </summary>
    /// <param name="decision">The outcome policy's answer for the basket's excess.</param>
    /// <param name="expected">The profit the scanner expected for the whole basket at attempt time.</param>
    /// <param name="expectedSets">The sets of that basket.</param>
    /// <param name="waited">Time since the basket's first repair decision.</param>
    public bool ShouldWait(BasketDecision decision, Money expected, Quantity expectedSets, TimeSpan waited)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!Enabled || decision.Action != BasketAction.Complete || waited >= Window) return false;
        if (expected.Raw <= 0 || expectedSets.Raw <= 0) return false;
        // The edge the completion keeps on the sets it makes, against the expected edge of as many sets. Model math in
        // double: only a yes/no comes out of it.
        double kept = -(double)decision.CompleteLoss.Raw;
        double promised = (double)expected.Raw * decision.TargetSets.Raw / expectedSets.Raw;
        return kept < MinEdgeShare * promised;
    }
}
