using Bookmaker.Core.Values;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Strategies.MarketMaking.Strategy;

/// <summary>
/// A market's inventory as the ledger keeps it (the strategy keeps no copy): read through the context's read-only
/// portfolio view on every use, so a fill, a reconciliation or a basket completed by another strategy shows at once.
/// </summary>
internal sealed class MarketInventory(IStrategyContext ctx)
{
    /// <summary>
    /// The binary net delta q (YES − NO shares) or, for crypto, the position — less the complete neg-risk baskets held:
    /// those are hedged at $1, whoever bought them (the arbitrage strategy does), and the market maker must neither skew
    /// on them nor sell or force-exit their legs. The ledger's unhedged delta.
    /// </summary>
    public Quantity NetDelta(MarketState m) => ctx.Portfolio.UnhedgedDelta(m.Quoted);

    /// <summary>Complete baskets of the market's neg-risk event held (zero outside one).</summary>
    public long HeldBaskets(MarketState m) => m.EventMarkets is { } markets ? ctx.Portfolio.CompleteBaskets(markets).Raw : 0;

    /// <summary>YES shares the market maker may sell, raw: the position less the YES legs of complete baskets (never below zero).</summary>
    public long FreeYes(MarketState m) => Math.Max(0, (ctx.Portfolio.GetPosition(m.Quoted)?.Quantity.Raw ?? 0) - HeldBaskets(m));

    /// <summary>NO shares held, raw (never below zero).</summary>
    public long FreeNo(MarketState m) => Math.Max(0, ctx.Portfolio.GetPosition(m.Complement!)?.Quantity.Raw ?? 0);

    /// <summary>Cash now.</summary>
    public Money Cash => ctx.Portfolio.Cash;

    /// <summary>When the unhedged delta opened (UTC ticks), or <paramref name="fallbackTicks"/> while it is flat.</summary>
    public long OpenedTicks(MarketState m, long fallbackTicks) => ctx.Portfolio.UnhedgedOpenedAt(m.Quoted)?.UtcTicks ?? fallbackTicks;

    /// <summary>Average entry of the unhedged delta in YES terms; zero while flat.</summary>
    public Price AverageEntry(MarketState m) => ctx.Portfolio.UnhedgedAverageEntry(m.Quoted) ?? Price.Zero;
}
