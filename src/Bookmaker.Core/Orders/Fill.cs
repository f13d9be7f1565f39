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
/// <param name="Fee">Fee charged to us (≥ 0), in quote currency.</param>
/// <param name="Rebate">Rebate credited to us (≥ 0), in quote currency.</param>
/// <param name="Liquidity">Maker or taker.</param>
/// <param name="Timestamp">Venue execution time on the engine's clock.</param>
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
    DateTimeOffset Timestamp)
{
    /// <summary>price × size (exact for venue prices and sizes).</summary>
    public Money Notional => Money.Notional(Price, Size);
}
