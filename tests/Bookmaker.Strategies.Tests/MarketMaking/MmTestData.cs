using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Strategies.MarketMaking;

namespace Bookmaker.Strategies.Tests.MarketMaking;

internal static class MmTestData
{
    public static Price P(string s) => Price.Parse(s);

    public static Quantity Q(string s) => Quantity.Parse(s);

    public static Instrument Yes(string tick = "0.01", string minSize = "1") =>
        Instrument.PolymarketToken("yes", P(tick), new OutcomeLinks("m1", "Yes", true, new InstrumentId(VenueNames.Polymarket, "no")), Q(minSize));

    public static Instrument No(string tick = "0.01", string minSize = "1") =>
        Instrument.PolymarketToken("no", P(tick), new OutcomeLinks("m1", "No", false, new InstrumentId(VenueNames.Polymarket, "yes")), Q(minSize));

    public static BookTop Top(string bid, string bidSize, string ask, string askSize) => new(P(bid), Q(bidSize), P(ask), Q(askSize));

    public static long Seconds(double s) => (long)(s * TimeSpan.TicksPerSecond);
}
