using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Alerts;
using Bookmaker.Engine.Journal;
using Bookmaker.Engine.Orders;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Tests.Orders;
using Bookmaker.Engine.Time;
using Bookmaker.Engine.Venues;
using PortfolioBook = Bookmaker.Core.Portfolio.Portfolio;

namespace Bookmaker.Engine.Tests.Risk;

/// <summary>The gate's <c>price_band</c> check: the venue's live order-price band (Bybit buyLmt / sellLmt).</summary>
public sealed class PriceBandGateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SimulatedTimeProvider _clock = new(Start);
    private readonly InstrumentRegistry _registry = new();
    private readonly Instrument _perp;
    private readonly Instrument _other;
    private readonly PortfolioBook _ledger;
    private readonly RiskGate _gate;
    private readonly RecordingExecutionClient _client = new();
    private readonly OrderManager _orders;
    private ulong _seq;

    public PriceBandGateTests()
    {
        _perp = _registry.Add(Perp("BTCUSDT"));
        _other = _registry.Add(Perp("ETHUSDT"));
        var alerts = new AlertCenter(_clock);
        _ledger = new PortfolioBook(_registry, Money.FromUnits(100_000));
        _gate = new RiskGate(_registry, _ledger, new RiskLimits { MaxOrderNotional = Money.FromUnits(100_000), MaxDirectionalExposure = Money.FromUnits(100_000) }, _clock, alerts);
        _gate.Initialize(Money.Zero, Money.Zero, _ledger.Cash, _ledger.Equity);
        _ledger.SetMark(_perp, Price.Parse("60000"));
        _ledger.SetMark(_other, Price.Parse("60000"));
        _orders = new OrderManager(_registry, new Dictionary<string, IExecutionClient> { [VenueNames.Bybit] = _client }, _gate, _ledger,
            new NullJournal(), alerts, _clock, new ClientOrderIdGenerator(1));
    }

    public void Dispose() => _orders.Dispose();

    private static Instrument Perp(string symbol) =>
        new(new InstrumentId(VenueNames.Bybit, symbol), InstrumentKind.LinearPerpetual, 1, Price.Parse("0.1"), Quantity.Parse("0.001"),
            Quantity.Parse("0.001"), Price.Parse("0.1"), Price.Parse("1000000"), "bybit");

    private OrderRequest Order(Instrument i, Side side, string price) =>
        new(ClientOrderId.From(1, ++_seq), i.Id, side, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Quantity.Parse("0.01"));

    private void Band(string buyLimit, string sellLimit)
    {
        _gate.SetPriceBand(_perp, Side.Buy, Price.Parse(buyLimit));
        _gate.SetPriceBand(_perp, Side.Sell, Price.Parse(sellLimit));
    }

    [Fact]
    public void Denies_a_buy_above_the_buy_limit()
    {
        Band("60300", "59700");

        var decision = _gate.Check(Order(_perp, Side.Buy, "60300.1"));

        Assert.Equal(DenyReason.PriceBand, decision.Reason);
        Assert.Equal("price_band", decision.Code);
    }

    [Fact]
    public void Denies_a_sell_below_the_sell_limit()
    {
        Band("60300", "59700");

        Assert.Equal(DenyReason.PriceBand, _gate.Check(Order(_perp, Side.Sell, "59699.9")).Reason);
    }

    [Fact]
    public void Allows_a_buy_at_the_buy_limit_and_a_sell_at_the_sell_limit()
    {
        Band("60300", "59700");

        Assert.True(_gate.Check(Order(_perp, Side.Buy, "60300")).IsAllowed);
        Assert.True(_gate.Check(Order(_perp, Side.Sell, "59700")).IsAllowed);
    }

    [Fact]
    public void Does_not_check_an_instrument_whose_band_is_not_known()
    {
        Band("60300", "59700");

        // The other symbol has no band published: only the fat-finger band (10 %) judges it.
        Assert.True(_gate.Check(Order(_other, Side.Buy, "60500")).IsAllowed);
        Assert.True(_gate.Check(Order(_other, Side.Sell, "59500")).IsAllowed);
    }

    [Fact]
    public void A_newer_band_replaces_the_older_one()
    {
        Band("60300", "59700");
        Band("60600", "59400");

        Assert.True(_gate.Check(Order(_perp, Side.Buy, "60500")).IsAllowed);
        Assert.Equal(Price.Parse("60600"), _gate.PriceBandLimit(_perp, Side.Buy));
    }

    [Fact]
    public void A_cancel_is_sent_even_when_its_order_is_now_outside_the_band()
    {
        var id = _orders.Submit(Order(_perp, Side.Buy, "60200") with { Id = default }).Id;
        Band("60000", "59000"); // the band moved below the resting bid

        Assert.Equal(DenyReason.PriceBand, _gate.Check(Order(_perp, Side.Buy, "60200")).Reason);
        Assert.True(_orders.Cancel(id));
        Assert.Contains(id, _client.Cancels);
    }
}
