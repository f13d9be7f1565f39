namespace Bookmaker.Engine.Configuration;

/// <summary>The whole validated, typed configuration of one run.</summary>
public sealed record BookmakerOptions
{
    /// <summary>Risk-gate limits.</summary>
    public required RiskOptions Risk { get; init; }

    /// <summary>Paper-run settings.</summary>
    public required PaperOptions Paper { get; init; }

    /// <summary>Live-session settings.</summary>
    public required LiveOptions Live { get; init; }

    /// <summary>Venue selection and credentials.</summary>
    public required VenueOptions Venue { get; init; }

    /// <summary>Market-maker parameters.</summary>
    public required MarketMakerOptions MarketMaker { get; init; }

    /// <summary>Alerting.</summary>
    public required AlertOptions Alerts { get; init; }

    /// <summary>Arbitrage strategy parameters (<c>Strategies:Arbitrage</c>).</summary>
    public required ArbitrageOptions Arbitrage { get; init; }

    /// <summary>Engine self-protection: watchdog, clock check, fault log, drills.</summary>
    public required EngineOptions Engine { get; init; }

    /// <summary>Journal housekeeping: free-space floor, size bound.</summary>
    public required JournalOptions Journal { get; init; }

    /// <summary>Section <c>Http</c>: the control plane.</summary>
    public required HttpOptions Http { get; init; }

    /// <summary>Section <c>Backtest</c>: reward terms per Polymarket token (none by default).</summary>
    public BacktestOptions Backtest { get; init; } = BacktestOptions.None;

    /// <summary>
    /// The built-in defaults as typed options — a convenient starting point for tests
    /// (<c>BookmakerOptions.Defaults().Risk with { DailyLossLimit = Money.FromUnits(5) }</c>).
    /// </summary>
    public static BookmakerOptions Defaults()
    {
        var result = ConfigLoader.Load(new ConfigRequest { Environment = new Dictionary<string, string?>() });
        return result.Options ?? throw new InvalidOperationException("built-in defaults are invalid: " + string.Join("; ", result.Errors));
    }

    /// <summary>Converts and validates every section, collecting all errors in <paramref name="reader"/>.</summary>
    public static BookmakerOptions Bind(ConfigReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new BookmakerOptions
        {
            Risk = RiskOptions.Bind(reader),
            Paper = PaperOptions.Bind(reader),
            Live = LiveOptions.Bind(reader),
            Venue = VenueOptions.Bind(reader),
            MarketMaker = MarketMakerOptions.Bind(reader),
            Alerts = AlertOptions.Bind(reader),
            Arbitrage = ArbitrageOptions.Bind(reader),
            Engine = EngineOptions.Bind(reader),
            Journal = JournalOptions.Bind(reader),
            Http = HttpOptions.Bind(reader),
            Backtest = BacktestOptions.Bind(reader),
        };
    }
}
