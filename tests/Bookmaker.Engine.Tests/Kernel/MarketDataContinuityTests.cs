using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Tests.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Venues;
using Bookmaker.Testing;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Kernel;

/// <summary>
/// Sequence continuity of venue messages as the kernel judges it: one verdict per message, whatever its first event is.
/// A venue message may hold trade prints only (an order added and taken within one venue instant leaves the published
/// levels as they were) and still take a sequence number.
/// </summary>
public sealed class MarketDataContinuityTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly EngineHost _host;
    private readonly TradingEngine _engine;
    private readonly Instrument _yes;

    public MarketDataContinuityTests()
    {
        _yes = TestMarkets.YesToken(VenueNames.Simulated);
        _host = EngineKit.Start(_clock, [new ScriptedVenue(VenueNames.Simulated, [_yes], new RecordingExecutionClient())]);
        _engine = _host.Engine;
        var snapshot = new BookSnapshot { Sequence = 1 };
        snapshot.Bids.Add(new BookLevel(Price.Parse("0.40"), Quantity.FromUnits(100)));
        snapshot.Asks.Add(new BookLevel(Price.Parse("0.60"), Quantity.FromUnits(100)));
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.Snapshot, _yes.Index, Side.Buy, default, default, 1, 0, Now, Now, true, snapshot));
    }

    private long Now => _clock.GetUtcNow().UtcTicks;

    private OrderBook Book => _engine.Book(_yes);

    public void Dispose() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void TradeOnlyMessage(long sequence, long previous) =>
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.Trade, _yes.Index, Side.Buy, Price.Parse("0.55"), Quantity.FromUnits(10), sequence, previous, Now, Now, EndOfMessage: true));

    private void LevelMessage(long sequence, long previous, string bid) =>
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.LevelUpdate, _yes.Index, Side.Buy, Price.Parse(bid), Quantity.FromUnits(50), sequence, previous, Now, Now, EndOfMessage: true));

    [Fact]
    public void A_message_of_trade_prints_only_keeps_the_book_live_for_the_next_message()
    {
        TradeOnlyMessage(2, 1);
        LevelMessage(3, 2, "0.45");

        Assert.False(Book.IsStale);
        Assert.Equal(0, _engine.SequenceGaps);
        Assert.Equal(Price.Parse("0.45"), Book.BestBid.Price);
    }

    [Fact]
    public void A_message_of_trade_prints_only_after_a_lost_message_is_a_gap()
    {
        TradeOnlyMessage(3, 2);

        Assert.True(Book.IsStale);
        Assert.Equal(1, _engine.SequenceGaps);
    }

    [Fact]
    public void Trades_and_levels_of_one_message_share_one_verdict()
    {
        _engine.OnMarketData(new MarketDataEvent(MarketDataKind.Trade, _yes.Index, Side.Sell, Price.Parse("0.40"), Quantity.FromUnits(10), 2, 1, Now, Now, EndOfMessage: false));
        LevelMessage(2, 1, "0.41");
        LevelMessage(3, 2, "0.42");

        Assert.False(Book.IsStale);
        Assert.Equal(0, _engine.SequenceGaps);
        Assert.Equal(Price.Parse("0.42"), Book.BestBid.Price);
    }
}
