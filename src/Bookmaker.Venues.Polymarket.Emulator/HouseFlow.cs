using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>
/// Liquidity tests steer: the house account rests GTC orders (unlimited cash, splitting tokens as needed to sell) and
/// a second flow account sends FAK orders that take it. Their orders go through the same execution as API orders, so
/// fills reach the user channel of whoever was on the other side.
/// </summary>
internal sealed class HouseFlow(MatchingEngine engine, EmulatedMarkets markets, EmulatorAccounts accounts, OrderExecution execution,
    HashSequence hashes, TimeProvider time)
{
    /// <summary>Places (<paramref name="take"/> false: rests, true: takes) one flow order; returns its id.</summary>
    public string Place(string tokenId, Side side, Price price, Quantity size, bool take)
    {
        var (market, slot) = markets.Token(tokenId);
        ApiKeyRecord account = accounts.Flow(taker: take);
        if (side == Side.Sell && engine.Account(account.Account).AvailableTokens(slot) < size)
            engine.Split(account.Account, market.EngineMarket, size);
        string id = hashes.Next("flow");
        var record = new OrderRecord
        {
            Id = id, Owner = account, Market = market, Slot = slot, Side = side, Price = price, OriginalSize = size,
            OrderType = take ? "FAK" : "GTC", MakerAddress = account.AddressText, Expiration = 0, CreatedAt = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        var order = new SimOrder(account.Account, default, slot, side, OrderType.Limit, take ? TimeInForce.Fak : TimeInForce.Gtc, price, size);
        var (ok, error, _) = execution.Submit(record, order);
        if (!ok) throw new InvalidOperationException($"flow order refused: {error}");
        return id;
    }
}
