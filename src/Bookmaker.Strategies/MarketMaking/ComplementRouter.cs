using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Strategies.MarketMaking;

/// <summary>Which token an order actually trades.</summary>
public enum RoutedInstrument : byte
{
    /// <summary>The quoted (YES) token itself.</summary>
    Quoted = 0,

    /// <summary>The complement (NO) token at 1 − price.</summary>
    Complement = 1,
}

/// <summary>One order as it will actually be sent after routing.</summary>
/// <param name="Instrument">Quoted token or its complement.</param>
/// <param name="Side">Side on that token.</param>
/// <param name="Price">Price on that token (1 − quoted price for the complement).</param>
/// <param name="Size">Size in shares of that token.</param>
/// <param name="YesEquivalentDelta">Signed change of the quoted token's net delta q if the order fills: +size for a
/// YES buy or a NO sell, −size for a YES sell or a NO buy. Exposure is counted once, whichever form trades.</param>
/// <param name="CashLocked">USDC reserved while the order rests (buys: price × size; sells of held tokens: 0).</param>
/// <param name="CashFreed">USDC received if it fills (sells of held tokens: price × size; buys: 0).</param>
public readonly record struct RoutedOrder(
    RoutedInstrument Instrument, Side Side, Price Price, Quantity Size, Quantity YesEquivalentDelta, Money CashLocked, Money CashFreed);

/// <summary>Options of <see cref="ComplementRouter"/>.</summary>
/// <param name="AllowSplit">When holdings cover only part of a quote, sell the held part and route the rest through the
/// complement (two orders) instead of routing all of it (default true).</param>
public sealed record ComplementRouterOptions(bool AllowSplit = true)
{
    /// <summary>No rules can be broken today; kept for symmetry with the other options.</summary>
#pragma warning disable CA1822 // instance method on purpose: every options record exposes the same Validate() shape
    public IReadOnlyList<OptionError> Validate() => [];
#pragma warning restore CA1822
}

/// <summary>
/// Routes a YES quote through the binary market's complement when that is the feasible or cheaper form (Polymarket
/// mechanics: a YES ask at a is economically a NO bid at 1 − a, and a YES bid at b is a NO ask at 1 − b).
/// </summary>
/// <remarks>
/// <para>Ask on YES at a, size n: sell held YES first (it frees a·n USDC and locks nothing); the rest becomes a bid on
/// NO at 1 − a, locking (1 − a) per share. Bid on YES at b: sell held NO at 1 − b first (frees capital); the rest is a
/// plain YES buy locking b per share.</para>
/// <para>Buys are limited by <c>availableCash</c> (size floored to the step); a leg below the minimum size is dropped.
/// Each leg carries the same YES-equivalent effect, so the position and risk code count the exposure once.</para>
/// <para>Rounding: a YES ask rounded up maps to a NO bid 1 − a, which is then rounded down to the complement's tick —
/// both stay passive. Pure and allocation free (legs written to a caller span of length ≥ 2).</para>
/// </remarks>
public static class ComplementRouter
{
    /// <summary>
    /// Routes one quote on the YES token. Returns the number of legs written (0, 1 or 2).
    /// </summary>
    /// <param name="options">Router options.</param>
    /// <param name="quote">The desired quote on the YES token.</param>
    /// <param name="yes">The quoted (YES) instrument.</param>
    /// <param name="no">Its complement (NO) instrument.</param>
    /// <param name="yesHeld">YES shares held and not already committed to other sells.</param>
    /// <param name="noHeld">NO shares held and not already committed to other sells.</param>
    /// <param name="availableCash">USDC available for new buys.</param>
    /// <param name="destination">At least two elements.</param>
    public static int Route(
        ComplementRouterOptions options, in LadderQuote quote, Instrument yes, Instrument no,
        Quantity yesHeld, Quantity noHeld, Money availableCash, Span<RoutedOrder> destination)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(yes);
        ArgumentNullException.ThrowIfNull(no);
        if (destination.Length < 2) throw new ArgumentException("destination needs two slots", nameof(destination));

        bool isAsk = quote.Side == Side.Sell;
        // The token we could sell from inventory, and the form a buy takes otherwise.
        Instrument sellInst = isAsk ? yes : no;
        Quantity held = isAsk ? yesHeld : noHeld;
        Price sellPrice = isAsk ? quote.Price : quote.Price.Complement().CeilTo(no.TickSize);
        Instrument buyInst = isAsk ? no : yes;
        Price buyPrice = isAsk ? quote.Price.Complement().FloorTo(no.TickSize) : quote.Price;
        RoutedInstrument sellWhere = isAsk ? RoutedInstrument.Quoted : RoutedInstrument.Complement;
        RoutedInstrument buyWhere = isAsk ? RoutedInstrument.Complement : RoutedInstrument.Quoted;
        long sign = isAsk ? -1 : 1; // YES-equivalent direction of either form

        long want = quote.Size.Raw;
        long sellRaw = Math.Min(Math.Max(0, held.Raw), want);
        sellRaw -= sellRaw % sellInst.SizeStep.Raw;
        if (sellRaw < want && !options.AllowSplit) sellRaw = 0;
        if (sellRaw > 0 && (sellRaw < sellInst.MinSize.Raw || !sellInst.IsValidPrice(sellPrice))) sellRaw = 0;

        int n = 0;
        if (sellRaw > 0)
        {
            var size = new Quantity(sellRaw);
            destination[n++] = new RoutedOrder(sellWhere, Side.Sell, sellPrice, size, new Quantity(sign * sellRaw),
                Money.Zero, Money.Notional(sellPrice, size, MidpointRounding.ToNegativeInfinity));
        }

        long rest = want - sellRaw;
        if (rest > 0 && buyPrice.Raw > 0 && buyInst.IsValidPrice(buyPrice))
        {
            // Cash limit: floor(cash / price) shares, floored to the step.
            long affordable = (long)(((Int128)Math.Max(0, availableCash.Raw) * FixedPoint.Scale) / buyPrice.Raw);
            long buyRaw = Math.Min(rest, affordable);
            buyRaw -= buyRaw % buyInst.SizeStep.Raw;
            if (buyRaw > 0 && buyRaw >= buyInst.MinSize.Raw)
            {
                var size = new Quantity(buyRaw);
                destination[n++] = new RoutedOrder(buyWhere, Side.Buy, buyPrice, size, new Quantity(sign * buyRaw),
                    Money.Notional(buyPrice, size, MidpointRounding.ToPositiveInfinity), Money.Zero);
            }
        }

        return n;
    }
}
