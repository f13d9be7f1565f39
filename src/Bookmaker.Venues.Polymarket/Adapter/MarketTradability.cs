using Bookmaker.Venues.Polymarket.Rest;

namespace Bookmaker.Venues.Polymarket.Adapter;

/// <summary>
/// Whether a market still takes orders, judged from its CLOB record (GET <c>/markets/{condition_id}</c>): a market that
/// is closed (resolved), not accepting orders, not active or without an order book refuses every order, so quoting it
/// only collects rejects. Used at <c>live</c> start and when an order is refused as "market unavailable".
/// </summary>
public static class MarketTradability
{
    /// <summary>Why the market cannot be traded, or null when it can.</summary>
    public static string? WhyNot(ClobMarketDto market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (market.Closed == true) return "closed";
        if (market.AcceptingOrders == false) return "not accepting orders";
        if (market.Active == false) return "not active";
        if (market.EnableOrderBook == false) return "no order book";
        return null;
    }
}
