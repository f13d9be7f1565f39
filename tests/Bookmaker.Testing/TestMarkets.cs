using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;

namespace Bookmaker.Testing;

/// <summary>Instruments tests trade: Polymarket-shaped outcome tokens (tick 0.01, step 0.01, minimum 5 shares).</summary>
public static class TestMarkets
{
    /// <summary>
    /// The YES token <paramref name="yes"/> of binary market <paramref name="market"/> on <paramref name="venue"/>, linked
    /// to its complement <paramref name="no"/> (which is not created: add <see cref="NoToken"/> when the test needs it).
    /// </summary>
    public static Instrument YesToken(string venue, string yes = "yes", string no = "no", string market = "m") =>
        Token(venue, yes, new OutcomeLinks(market, "Yes", true, new InstrumentId(venue, no)));

    /// <summary>The NO token <paramref name="no"/> of binary market <paramref name="market"/>, linked to <paramref name="yes"/>.</summary>
    public static Instrument NoToken(string venue, string yes = "yes", string no = "no", string market = "m") =>
        Token(venue, no, new OutcomeLinks(market, "No", false, new InstrumentId(venue, yes)));

    /// <summary>An outcome token with no complement.</summary>
    public static Instrument Standalone(string venue, string symbol) => Token(venue, symbol, null);

    private static Instrument Token(string venue, string symbol, OutcomeLinks? links) =>
        new(new InstrumentId(venue, symbol), InstrumentKind.OutcomeToken, 2, Price.Parse("0.01"), Quantity.Parse("0.01"),
            Quantity.FromUnits(5), Price.Parse("0.01"), Price.Parse("0.99"), "polymarket", links);
}
