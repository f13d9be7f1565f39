using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.Arbitrage;

namespace Bookmaker.Strategies.Tests.Arbitrage;

internal static class ArbTestData
{
    public static Price P(string s) => Price.Parse(s);

    public static Quantity Q(string s) => Quantity.Parse(s);

    public static Money M(string s) => Money.Parse(s);

    public static readonly ILegFeeModel Fee2Pct = new PolymarketLegFeeModel(0.02m, 1);

    public static Instrument Yes(string market = "m1", string? sizeStep = null) => Token(market + "-yes", market + "-no", market, true, sizeStep);

    public static Instrument No(string market = "m1", string? sizeStep = null) => Token(market + "-no", market + "-yes", market, false, sizeStep);

    private static Instrument Token(string id, string complement, string market, bool isYes, string? sizeStep)
    {
        var links = new OutcomeLinks(market, isYes ? "Yes" : "No", isYes, new InstrumentId(VenueNames.Polymarket, complement));
        if (sizeStep is null) return Instrument.PolymarketToken(id, P("0.01"), links);
        return new Instrument(new InstrumentId(VenueNames.Polymarket, id), InstrumentKind.OutcomeToken, 3, P("0.01"),
            Q(sizeStep), Quantity.FromUnits(5), P("0.01"), P("0.99"), "polymarket", links);
    }

    public static ArbBasket Binary(ILegFeeModel? fee = null, string? sizeStep = null) =>
        ArbBasket.CompleteSet("m1", new ArbLegDefinition(Yes(sizeStep: sizeStep), fee ?? NoLegFee.Instance),
            new ArbLegDefinition(No(sizeStep: sizeStep), fee ?? NoLegFee.Instance));

    public static ArbBasket NegRisk(string eventId, ILegFeeModel fee, params string[] names)
    {
        var legs = new List<ArbLegDefinition>();
        for (int i = 0; i < names.Length; i++)
        {
            var links = new OutcomeLinks($"{eventId}-q{i}", "Yes", true, new InstrumentId(VenueNames.Polymarket, $"{eventId}-q{i}-no"), eventId);
            legs.Add(new ArbLegDefinition(Instrument.PolymarketToken($"{eventId}-q{i}-yes", P("0.01"), links), fee, names[i]));
        }

        return ArbBasket.NegRisk(eventId, legs);
    }

    /// <summary>Levels from "price×size" pairs, e.g. L("0.40", "50", "0.45", "100").</summary>
    public static BookLevel[] L(params string[] pairs)
    {
        var levels = new BookLevel[pairs.Length / 2];
        for (int i = 0; i < levels.Length; i++) levels[i] = new BookLevel(P(pairs[2 * i]), Q(pairs[2 * i + 1]));
        return levels;
    }

    public static ArbScannerOptions Options(string minProfit = "0.005", long maxSets = 1000, long maxNotional = 500, int cooldownSeconds = 5, bool includePlaceholders = false) =>
        new(M(minProfit), Quantity.FromUnits(maxSets), Money.FromUnits(maxNotional), TimeSpan.FromSeconds(cooldownSeconds), includePlaceholders);
}
