using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Time;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Simulated.Tests.Matching;

/// <summary>One binary Polymarket-style market (tick 0.01, min size 5) in a fresh engine, with terse helpers.</summary>
internal sealed class MatchingKit
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private ulong _nextClientId = 1;

    public MatchingKit(IFeeModel? fees = null, SelfTradePrevention stp = SelfTradePrevention.CancelMaker, string tick = "0.01")
    {
        Time = new SimulatedTimeProvider(Start);
        Engine = new MatchingEngine(Time, selfTradePrevention: stp, initialOrderCapacity: 64);
        var yesId = new InstrumentId(Bookmaker.Core.Instruments.VenueNames.Polymarket, "YES");
        var noId = new InstrumentId(Bookmaker.Core.Instruments.VenueNames.Polymarket, "NO");
        YesInstrument = Instrument.PolymarketToken("YES", Price.Parse(tick), new OutcomeLinks("m1", "Yes", true, noId));
        NoInstrument = Instrument.PolymarketToken("NO", Price.Parse(tick), new OutcomeLinks("m1", "No", false, yesId));
        Market = Engine.AddBinaryMarket(YesInstrument, NoInstrument, fees ?? ZeroFeeModel.Instance);
        Yes = Engine.SlotOf(yesId);
        No = Engine.SlotOf(noId);
    }

    public SimulatedTimeProvider Time { get; }

    public MatchingEngine Engine { get; }

    public Instrument YesInstrument { get; }

    public Instrument NoInstrument { get; }

    public int Market { get; }

    public int Yes { get; }

    public int No { get; }

    public MatchEventBuffer Events { get; } = new();

    public InstrumentOrderBook Book => Engine.Markets[Market];

    /// <summary>Opens an account with cash and, optionally, split full sets (so it holds YES and NO).</summary>
    public int Account(string cash, string sets = "0")
    {
        // The sets are bought with extra cash, so the account ends with exactly `cash` and `sets` of each token.
        var setCount = Quantity.Parse(sets);
        int id = Engine.OpenAccount(Money.Parse(cash) + new Money(setCount.Raw));
        if (setCount.Raw > 0) Assert.True(Engine.Split(id, Market, setCount));
        return id;
    }

    public long Submit(int account, int slot, Side side, string price, string size, TimeInForce tif = TimeInForce.Gtc,
        bool postOnly = false, OrderType type = OrderType.Limit, string quote = "0", DateTimeOffset? expireAt = null)
    {
        var order = new SimOrder(account, new ClientOrderId(_nextClientId++), slot, side, type, tif, Price.Parse(price),
            Quantity.Parse(size), postOnly, expireAt?.UtcTicks ?? 0, Money.Parse(quote));
        return Engine.Submit(order, Events);
    }

    public long Buy(int account, int slot, string price, string size, TimeInForce tif = TimeInForce.Gtc, bool postOnly = false) =>
        Submit(account, slot, Side.Buy, price, size, tif, postOnly);

    public long Sell(int account, int slot, string price, string size, TimeInForce tif = TimeInForce.Gtc, bool postOnly = false) =>
        Submit(account, slot, Side.Sell, price, size, tif, postOnly);

    public List<MatchEvent> All() => [.. Events.AsSpan().ToArray()];

    public List<MatchEvent> Of(MatchEventKind kind) => All().Where(e => e.Kind == kind).ToList();

    public MatchEvent SingleOf(MatchEventKind kind) => Assert.Single(Of(kind));

    public Money Cash(int account) => Engine.Account(account).Cash;

    public Quantity Tokens(int account, int slot) => Engine.Account(account).Tokens(slot);

    public void Clear() => Events.Clear();
}
