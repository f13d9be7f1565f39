using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Simulated.Matching;

/// <summary>
/// An incoming order while it matches: a stack struct carrying its terms in YES space and what is left of it, so
/// matching allocates nothing. Built by <see cref="MatchingEngine.Submit"/> once the order is admitted.
/// </summary>
internal struct IncomingOrder
{
    public long OrderId;
    public ClientOrderId ClientOrderId;
    public int Account;
    public int Instrument;
    public Side Side;              // own side
    public Side CanonSide;         // side in YES space
    public bool IsNo;              // on the complement (NO) token
    public bool QuoteSized;        // a market BUY sized by a quote budget
    public bool SelfTradeStop;     // CancelTaker stopped it at an own order
    public long CanonLimit;        // raw, YES space
    public long Remaining;         // raw shares (long.MaxValue while quote-sized)
    public long QuoteLeft;         // raw budget left (quote-sized)
    public long SizeStep;          // raw
}
