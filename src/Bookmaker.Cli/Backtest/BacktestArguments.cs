using System.CommandLine;

namespace Bookmaker.Cli.Backtest;

/// <summary>The options of <c>bookmaker backtest</c> that are not configuration keys (inputs, window, output).</summary>
internal sealed class BacktestArguments
{
    public required Option<string[]> Data { get; init; }

    public required Option<string> Format { get; init; }

    public required Option<string[]> Instrument { get; init; }

    public required Option<string> Instruments { get; init; }

    public required Option<string> Strategies { get; init; }

    public required Option<string> From { get; init; }

    public required Option<string> To { get; init; }

    public required Option<string> QueueModel { get; init; }

    public required Option<string> Latency { get; init; }

    public required Option<string> Out { get; init; }

    public Option<bool> Realism { get; } = new("--realism") { Description = "Also rerun under each queue model × latency profile and report the spread of net P&L and fills (docs/backtest.md)." };

    /// <summary>Every option, for commands that pass them on (bookmaker sweep).</summary>
    public IReadOnlyList<Option> All => [Data, Format, Instrument, Instruments, Strategies, From, To, QueueModel, Latency, Out, Realism];

    public void AddTo(Command command)
    {
        foreach (Option o in All) command.Options.Add(o);
    }

    /// <summary>The options of <c>bookmaker backtest</c> (also carried by <c>bookmaker sweep</c>, which passes them on).</summary>
    public static BacktestArguments Create() => new()
    {
        Data = new Option<string[]>("--data") { Description = "Recording file, directory or glob (repeatable): recorder .jsonl[.gz], Polymarket JSON array, Binance <recv_ns> <json> .gz.", HelpName = "file|dir|glob", Required = true, AllowMultipleArgumentsPerToken = true },
        Format = new Option<string>("--format") { Description = "Input format: auto (detected per file), polymarket or binance.", HelpName = "auto|polymarket|binance", DefaultValueFactory = _ => "auto" },
        Instrument = new Option<string[]>("--instrument") { Description = "Rules of an instrument the recording does not state, e.g. BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005, or a Polymarket token's reward terms, e.g. TOKEN:reward_max_spread=0.03,reward_min_size=20,reward_daily_rate=100 (repeatable).", HelpName = "spec" },
        Instruments = new Option<string>("--instruments") { Description = "Catalog file of instrument rules (JSON object of symbols).", HelpName = "catalog.json" },
        Strategies = new Option<string>("--strategies") { Description = "Strategies to run, e.g. mm or mm,arb.", DefaultValueFactory = _ => "mm" },
        From = new Option<string>("--from") { Description = "Start of the window (ISO 8601 UTC, or Unix seconds); earlier messages only build the books.", HelpName = "time" },
        To = new Option<string>("--to") { Description = "End of the window (ISO 8601 UTC, Unix seconds, or +duration from the start such as +60s).", HelpName = "time" },
        QueueModel = new Option<string>("--queue-model") { Description = "Queue model of our resting orders: risk_averse, prob, power2, power3, logprob….", HelpName = "model", DefaultValueFactory = _ => "power2" },
        Latency = new Option<string>("--latency") { Description = "Latency profile, e.g. feed=const:5ms,entry=const:20ms,response=const:20ms (default: none).", HelpName = "profile" },
        Out = new Option<string>("--out") { Description = "Output directory: result.json, report.html, journal.db.", HelpName = "dir", Required = true },
    };

    /// <summary>The <c>--seed</c> flag (mapped onto <c>Paper:Seed</c>).</summary>
    public static Option<long> SeedOption() => new("--seed") { Description = "Seed of every random generator (latency draws, journal session)." };

    public BacktestRequest Read(ParseResult parse) => new(
        parse.GetValue(Data) ?? [],
        parse.GetValue(Format) ?? "auto",
        parse.GetValue(Instrument) ?? [],
        parse.GetValue(Instruments),
        parse.GetValue(Strategies) ?? "mm",
        parse.GetValue(From),
        parse.GetValue(To),
        parse.GetValue(QueueModel) ?? "power2",
        parse.GetValue(Latency),
        parse.GetValue(Out)!,
        parse.GetValue(Realism));
}

/// <summary>A backtest as asked on the command line.</summary>
internal sealed record BacktestRequest(
    IReadOnlyList<string> Data,
    string Format,
    IReadOnlyList<string> Instruments,
    string? Catalog,
    string Strategies,
    string? From,
    string? To,
    string QueueModel,
    string? Latency,
    string Out,
    bool Realism = false);
