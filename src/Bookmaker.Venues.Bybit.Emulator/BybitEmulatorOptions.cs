using Bookmaker.Core.Values;
using Bookmaker.Venues.Bybit.Rest;

namespace Bookmaker.Venues.Bybit.Emulator;

/// <summary>One symbol the emulator lists and quotes.</summary>
/// <param name="Symbol">Venue symbol.</param>
/// <param name="Category">Linear or spot.</param>
/// <param name="Tick">Price tick.</param>
/// <param name="QtyStep">Quantity step.</param>
/// <param name="MinQty">Minimum order quantity.</param>
/// <param name="MinNotional">Minimum order value (quote coin).</param>
/// <param name="Mid">Starting mid price.</param>
public sealed record EmulatedSymbol(string Symbol, BybitCategory Category, Price Tick, Quantity QtyStep, Quantity MinQty, Money MinNotional, Price Mid);

/// <summary>What the loopback Bybit emulator serves and how its synthetic market moves.</summary>
public sealed record BybitEmulatorOptions
{
    /// <summary>Port on 127.0.0.1 (0: the OS chooses).</summary>
    public int Port { get; init; }

    /// <summary>Seed of the synthetic book and trade flow.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>How often each book publishes a delta.</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Levels per side of each book. Depth 50, 200 and 1000 subscriptions all see this whole book (it is no deeper than
    /// the smallest of them); depth 1 is snapshot-only, as on the venue.
    /// </summary>
    public int Levels { get; init; } = 50;

    /// <summary>A socket that sends nothing (no ping) for this long is closed, as the venue does.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The one API key the emulator accepts for signed requests and the private and trade streams.</summary>
    public string ApiKey { get; init; } = "emu-api-key";

    /// <summary>Its HMAC secret.</summary>
    public string ApiSecret { get; init; } = "emu-api-secret";

    /// <summary>The account's starting USDT.</summary>
    public Money StartingCash { get; init; } = Money.FromUnits(1_000_000);

    /// <summary>Base coin credited per spot symbol at start.</summary>
    public Quantity StartingBase { get; init; } = Quantity.FromUnits(10);

    /// <summary>Taker fee rate (fraction of notional; Bybit perpetuals VIP0: 0.00055).</summary>
    public decimal TakerFeeRate { get; init; } = 0.00055m;

    /// <summary>Maker fee rate; negative is a rebate (Market Maker tiers).</summary>
    public decimal MakerFeeRate { get; init; } = 0.0002m;

    /// <summary>Requests per second per order endpoint (create, amend, cancel, cancel-all, each batch op; batch items count one each).</summary>
    public int OrderRateLimit { get; init; } = 10;

    /// <summary>Requests per second per query endpoint (realtime, execution, position, wallet).</summary>
    public int QueryRateLimit { get; init; } = 50;

    /// <summary>True when the account has DCP (institutional accounts); false: the DCP endpoint answers that it is not enabled and query-dcp-info lists nothing.</summary>
    public bool DcpAvailable { get; init; } = true;

    /// <summary>
    /// How often every perpetual position settles funding at <see cref="FundingRate"/> (the venue: every 8 h, some
    /// symbols 4 h or 1 h); zero, the default, settles only when a test asks (<see cref="Trading.TradingVenue.SettleFunding"/>).
    /// </summary>
    public TimeSpan FundingInterval { get; init; }

    /// <summary>The funding rate of each periodic settlement (fraction of the position's value at the mark; positive: longs pay).</summary>
    public decimal FundingRate { get; init; } = 0.0001m;

    /// <summary>Each print of the synthetic market is replayed by the house as an IOC on the trading side, so API orders it reaches fill.</summary>
    public bool HouseFollowsTrades { get; init; } = true;

    /// <summary>When set, the venue goes dark this long after start (see <see cref="BybitEmulatorHost.BeginOutage"/>).</summary>
    public TimeSpan? OutageAfter { get; init; }

    /// <summary>How long a scheduled outage (<see cref="OutageAfter"/>) lasts; zero for none.</summary>
    public TimeSpan OutageLength { get; init; }

    /// <summary>The symbols (default: BTCUSDT and ETHUSDT linear perpetuals).</summary>
    public IReadOnlyList<EmulatedSymbol> Symbols { get; init; } =
    [
        new("BTCUSDT", BybitCategory.Linear, Price.Parse("0.1"), Quantity.Parse("0.001"), Quantity.Parse("0.001"), Money.Parse("5"), Price.Parse("60000")),
        new("ETHUSDT", BybitCategory.Linear, Price.Parse("0.01"), Quantity.Parse("0.01"), Quantity.Parse("0.01"), Money.Parse("5"), Price.Parse("2600")),
    ];
}
