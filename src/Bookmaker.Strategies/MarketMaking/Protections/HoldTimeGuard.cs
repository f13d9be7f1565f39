using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking.Protections;

/// <summary>Options of <see cref="HoldTimeGuard"/>.</summary>
/// <param name="MaxHold">Longest a position may be held before passive unwinding starts (default 1 h).</param>
/// <param name="ForcedExitAfter">Further grace before a forced taker exit (default 5 min).</param>
/// <param name="MaxSlippage">Worst price distance from the touch the forced exit accepts (default 0.02).</param>
public sealed record HoldTimeGuardOptions(TimeSpan? MaxHold = null, TimeSpan? ForcedExitAfter = null, Price? MaxSlippage = null)
{
    /// <summary>Effective maximum hold.</summary>
    public TimeSpan Hold => MaxHold ?? TimeSpan.FromHours(1);

    /// <summary>Effective grace.</summary>
    public TimeSpan Grace => ForcedExitAfter ?? TimeSpan.FromMinutes(5);

    /// <summary>Effective slippage cap.</summary>
    public Price Slippage => MaxSlippage ?? Price.Parse("0.02");

    /// <summary>Checks every rule; an empty list means valid.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        OptionError.Check(errors, Hold > TimeSpan.Zero, "mm.protect.hold.maxHold", Hold.ToString(), "must be > 0");
        OptionError.Check(errors, Grace >= TimeSpan.Zero, "mm.protect.hold.forcedExitAfter", Grace.ToString(), "must be >= 0");
        OptionError.Check(errors, Slippage.Raw >= 0, "mm.protect.hold.maxSlippage", Slippage.ToString(), "must be >= 0");
        return errors;
    }
}

/// <summary>The hold-time guard's verdict and, when it acts, the reducing order it proposes.</summary>
/// <param name="Decision">Action and reason.</param>
/// <param name="Side">Side of the reducing order (sell when long).</param>
/// <param name="Price">Limit price: passive for <see cref="ProtectionAction.PassiveUnwind"/>, slippage-capped taker
/// limit for <see cref="ProtectionAction.ForcedExit"/>.</param>
/// <param name="Size">|position|, floored to the size step.</param>
/// <param name="IsTaker">True for the forced exit (send IOC/FAK, not post-only).</param>
public readonly record struct HoldTimeVerdict(ProtectionDecision Decision, Side Side, Price Price, Quantity Size, bool IsTaker);

/// <summary>
/// Hold-time guard: a position older than MaxHold is unwound passively with an aggressive reducing quote — one tick
/// inside the touch on the reducing side, never crossing (ask = max(bestAsk − tick, bestBid + tick) when long); after a
/// further ForcedExitAfter it is closed by a taker order limited to the touch ∓ MaxSlippage (sell limit =
/// bestBid − slippage when long, buy limit = bestAsk + slippage when short), rounded passively and clamped to bounds.
/// </summary>
public static class HoldTimeGuard
{
    /// <summary>Evaluates the guard.</summary>
    /// <param name="options">Options.</param>
    /// <param name="nowTicks">Now.</param>
    /// <param name="positionOpenedTicks">When the current position was opened (from flat).</param>
    /// <param name="position">Net position q in shares (signed).</param>
    /// <param name="top">Top of book.</param>
    /// <param name="instrument">Tick, bounds and size step.</param>
    public static HoldTimeVerdict Evaluate(HoldTimeGuardOptions options, long nowTicks, long positionOpenedTicks, Quantity position, in BookTop top, Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instrument);
        var size = position.Abs().FloorTo(instrument.SizeStep);
        long age = nowTicks - positionOpenedTicks;
        if (size.Raw == 0 || age <= options.Hold.Ticks) return default;
        Side side = position.Raw > 0 ? Side.Sell : Side.Buy;
        Price tick = instrument.TickSize;

        if (age > options.Hold.Ticks + options.Grace.Ticks)
        {
            Price limit;
            if (side == Side.Sell)
            {
                Price touch = top.HasBid ? top.BestBid : instrument.MinPrice;
                limit = Price.Max(instrument.MinPrice, (touch - options.Slippage).CeilTo(tick));
            }
            else
            {
                Price touch = top.HasAsk ? top.BestAsk : instrument.MaxPrice;
                limit = Price.Min(instrument.MaxPrice, (touch + options.Slippage).FloorTo(tick));
            }

            return new(new(ProtectionAction.ForcedExit, ProtectionReason.HoldTimeForcedExit), side, limit, size, IsTaker: true);
        }

        Price p;
        if (side == Side.Sell)
        {
            p = top.HasAsk ? (top.BestAsk - tick).CeilTo(tick) : instrument.MaxPrice;
            if (top.HasBid) p = Price.Max(p, (top.BestBid + tick).CeilTo(tick));
            p = Price.Min(Price.Max(p, instrument.MinPrice), instrument.MaxPrice);
        }
        else
        {
            p = top.HasBid ? (top.BestBid + tick).FloorTo(tick) : instrument.MinPrice;
            if (top.HasAsk) p = Price.Min(p, (top.BestAsk - tick).FloorTo(tick));
            p = Price.Max(Price.Min(p, instrument.MaxPrice), instrument.MinPrice);
        }

        return new(new(ProtectionAction.PassiveUnwind, ProtectionReason.HoldTimeExceeded), side, p, size, IsTaker: false);
    }
}
