using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Core.Portfolio;

/// <summary>
/// One funding settlement of a perpetual position: cash that changes hands between longs and shorts at each funding
/// time, whatever we trade. It is not a fill (no size moves, no order) and not a trading fee: the ledger books it as cash
/// with its own P&amp;L line (<see cref="FundingLedger"/>).
/// </summary>
/// <param name="PaymentId">The venue's id of the settlement (Bybit's <c>execId</c>): the deduplication key, as a fill's trade id is.</param>
/// <param name="Instrument">The perpetual whose position was funded.</param>
/// <param name="Amount">Signed cash to us: positive received, negative paid (Bybit's <c>execFee</c> with its sign turned).</param>
/// <param name="Timestamp">When the venue settled it.</param>
public sealed record FundingPayment(string PaymentId, InstrumentId Instrument, Money Amount, DateTimeOffset Timestamp);
