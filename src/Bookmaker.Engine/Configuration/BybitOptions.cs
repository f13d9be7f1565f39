namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Bybit v5 endpoints, markets and credentials (section <c>Venue:Bybit</c>). Secrets are never logged. The key pair is
/// used by <c>live --venue bybit</c> (the private and trade streams sit beside <see cref="PublicWsUrl"/>).
/// </summary>
public sealed record BybitOptions
{
    /// <summary>REST base URL.</summary>
    public required Uri RestUrl { get; init; }

    /// <summary>Public WebSocket base; the category (<c>linear</c>/<c>spot</c>) is appended.</summary>
    public required Uri PublicWsUrl { get; init; }

    /// <summary><c>linear</c> or <c>spot</c>.</summary>
    public required string Category { get; init; }

    /// <summary>Order-book depth subscribed (1, 50, 200 or 1000).</summary>
    public required int Depth { get; init; }

    /// <summary>Symbols to trade (<c>BTCUSDT,ETHUSDT</c>).</summary>
    public required IReadOnlyList<string> Markets { get; init; }

    /// <summary>API key; null when not configured.</summary>
    public required string? ApiKey { get; init; }

    /// <summary>API secret; null when not configured. Secret.</summary>
    public required string? ApiSecret { get; init; }

    /// <summary>Maker fee rate charged in paper (negative = rebate), until the account's rate is read.</summary>
    public required decimal MakerFee { get; init; }

    /// <summary>Taker fee rate charged in paper.</summary>
    public required decimal TakerFee { get; init; }

    /// <summary><c>paper --venue bybit-emulator</c>: how often the emulator settles funding of perpetual positions (zero: never).</summary>
    public TimeSpan EmulatorFundingInterval { get; init; }

    /// <summary><c>paper --venue bybit-emulator</c>: the funding rate of each settlement (positive: longs pay).</summary>
    public decimal EmulatorFundingRate { get; init; } = 0.0001m;

    internal static readonly ConfigKeyInfo[] Keys =
    [
        new("Venue:Bybit:RestUrl", "https://api.bybit.com", "absolute http(s) URL", "Bybit v5 REST endpoint (testnet: https://api-testnet.bybit.com)."),
        new("Venue:Bybit:PublicWsUrl", "wss://stream.bybit.com/v5/public/", "absolute ws(s) URL", "Public WebSocket base; linear or spot is appended."),
        new("Venue:Bybit:Category", "linear", "linear or spot", "Product category traded."),
        new("Venue:Bybit:Depth", "50", "1, 50, 200 or 1000 (500 was retired by the venue)", "Order-book depth subscribed."),
        new("Venue:Bybit:Markets", "", "comma-separated symbols (BTCUSDT,…); optional", "Symbols of `paper --venue bybit`; required there."),
        new("Venue:Bybit:ApiKey", null, "optional; set together with ApiSecret", "API key of `live --venue bybit` (an identifier; not secret on its own)."),
        ConfigKeyInfo.Secret("Venue:Bybit:ApiSecret", "optional; set together with ApiKey", "API secret of `live --venue bybit` (HMAC key; held only by the request signer)."),
        new("Venue:Bybit:MakerFee", "0.0002", "decimal between -0.01 and 0.01 (negative = rebate)", "Maker fee rate charged on paper fills."),
        new("Venue:Bybit:TakerFee", "0.00055", "decimal between 0 and 0.01", "Taker fee rate charged on paper fills."),
        new("Venue:Bybit:EmulatorFundingInterval", "0s", "duration >= 0 (0 = off), at most 1d", "`paper --venue bybit-emulator`: how often the emulator settles funding of perpetual positions."),
        new("Venue:Bybit:EmulatorFundingRate", "0.0001", "decimal between -0.01 and 0.01 (positive = longs pay)", "`paper --venue bybit-emulator`: funding rate of each settlement, on the position's value at the mark."),
    ];

    /// <summary>The order-book depths Bybit serves on linear and spot (500 was retired in 2025): the one list.</summary>
    public static IReadOnlyList<int> AllowedDepths { get; } = [1, 50, 200, 1000];

    internal static BybitOptions Bind(ConfigReader r, Func<ConfigReader, string, string[], Uri> url)
    {
        var o = new BybitOptions
        {
            RestUrl = url(r, "Venue:Bybit:RestUrl", ["http", "https"]),
            PublicWsUrl = url(r, "Venue:Bybit:PublicWsUrl", ["ws", "wss"]),
            Category = r.Text("Venue:Bybit:Category"),
            Depth = r.WholeNumber("Venue:Bybit:Depth"),
            Markets = (r.OptionalString("Venue:Bybit:Markets") ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).Distinct().ToList(),
            ApiKey = r.OptionalString("Venue:Bybit:ApiKey"),
            ApiSecret = r.OptionalString("Venue:Bybit:ApiSecret"),
            MakerFee = r.Number("Venue:Bybit:MakerFee"),
            TakerFee = r.Number("Venue:Bybit:TakerFee"),
            EmulatorFundingInterval = r.Duration("Venue:Bybit:EmulatorFundingInterval", TimeSpan.FromDays(1)),
            EmulatorFundingRate = r.Number("Venue:Bybit:EmulatorFundingRate"),
        };
        r.Require("Venue:Bybit:EmulatorFundingRate", o.EmulatorFundingRate is >= -0.01m and <= 0.01m, "must be between -0.01 and 0.01");
        r.Require("Venue:Bybit:Category", o.Category is "linear" or "spot", "must be linear or spot");
        r.Require("Venue:Bybit:Depth", AllowedDepths.Contains(o.Depth), "must be 1, 50, 200 or 1000 (Bybit retired depth 500)");
        r.Require("Venue:Bybit:MakerFee", o.MakerFee is >= -0.01m and <= 0.01m, "must be between -0.01 and 0.01");
        r.Require("Venue:Bybit:TakerFee", o.TakerFee is >= 0m and <= 0.01m, "must be between 0 and 0.01");
        r.Relate("Venue:Bybit:ApiSecret", "Venue:Bybit:ApiKey", (o.ApiKey is null) == (o.ApiSecret is null), "must be set together with Venue:Bybit:ApiKey");
        foreach (string m in o.Markets)
        {
            r.Require("Venue:Bybit:Markets", m.All(char.IsAsciiLetterOrDigit), $"must be symbols of letters and digits ('{m}' is not)");
        }

        return o;
    }
}
