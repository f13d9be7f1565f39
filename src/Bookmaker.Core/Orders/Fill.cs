using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Orders;

/// <summary>
/// One execution of (part of) our order. Fees we pay and rebates we earn are separate fields and never netted, so
/// reports can show both and a rebate can never hide a fee.
/// </summary>
/// <param name="TradeId">The venue's trade id (deduplication key: the same fill delivered twice is applied once).</param>
/// <param name="OrderId">Our client order id.</param>
/// <param name="Instrument">The instrument traded.</param>
/// <param name="Side">Our side.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Size">Executed size.</param>
/// <param name="Fee">
/// The fee's value in quote currency (≥ 0): paid in cash, unless <paramref name="FeeShares"/> is positive — then the
/// venue kept that many of the bought shares and this is their value at the fill price (USDC-equivalent).
/// </param>
/// <param name="Rebate">Rebate credited to us (≥ 0), in quote currency.</param>
/// <param name="Liquidity">Maker or taker.</param>
/// <param name="Timestamp">Venue execution time on the engine's clock.</param>
/// <param name="FeeShares">
/// Shares withheld from a BUY as the fee (≥ 0, ≤ size; zero for a SELL): Polymarket collects a taker BUY's fee in the
/// token bought, so the position grows by <see cref="PositionSize"/>, not by <paramref name="Size"/>.
/// </param>
public sealed record Fill(
    string TradeId,
    ClientOrderId OrderId,
    InstrumentId Instrument,
    Side Side,
    Price Price,
    Quantity Size,
    Money Fee,
    Money Rebate,
    Liquidity Liquidity,
    DateTimeOffset Timestamp,
    Quantity FeeShares = default)
{
    /// <summary>price × size (exact for venue prices and sizes): what a BUY pays, what a SELL receives, before fees.</summary>
    public Money Notional => Money.Notional(Price, Size);

    /// <summary>How much the position moves: a BUY's size less the shares withheld as its fee; a SELL's size.</summary>
    public Quantity PositionSize => Size - FeeShares;

    /// <summary>The fee that leaves the cash balance: <see cref="Fee"/>, unless it was collected in shares.</summary>
    public Money CashFee => FeeShares.Raw > 0 ? Money.Zero : Fee;
}
