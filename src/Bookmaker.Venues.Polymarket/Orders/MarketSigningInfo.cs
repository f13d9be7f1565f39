using Bookmaker.Core.Values;

namespace Bookmaker.Venues.Polymarket.Orders;

/// <summary>What order building needs to know about one outcome token.</summary>
/// <param name="TokenId">The outcome token.</param>
/// <param name="TickSize">The market's current tick (it can change at run time; pass the current one).</param>
/// <param name="NegRisk">True for neg-risk (multi-outcome) markets: V2 orders then go to NegRiskCtfExchangeV2.</param>
/// <param name="Version">Per-market override of the builder's order version (ExchangeV3 markets); null = builder default.</param>
public readonly record struct MarketSigningInfo(TokenId TokenId, Price TickSize, bool NegRisk, OrderVersion? Version = null);
