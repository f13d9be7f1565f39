using System.CommandLine;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker backtest</c>: replays recordings through the engine on the simulated clock (the same strategies, order
/// manager, risk gate, portfolio and journal as paper and live) and writes <c>result.json</c>, <c>report.html</c> and
/// <c>journal.db</c> to <c>--out</c>. See docs/backtest.md.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("backtest", "Replay recorded market data through the strategies (docs/backtest.md).");
        var flags = new ConfigFlags();
        flags.AddTo(command);
        var options = new Backtest.BacktestArguments
        {
            Data = new Option<string[]>("--data") { Description = "Recording file, directory or glob (repeatable): recorder .jsonl[.gz], Polymarket JSON array, Binance <recv_ns> <json> .gz.", HelpName = "file|dir|glob", Required = true, AllowMultipleArgumentsPerToken = true },
            Format = new Option<string>("--format") { Description = "Input format: auto (detected per file), polymarket or binance.", HelpName = "auto|polymarket|binance", DefaultValueFactory = _ => "auto" },
            Instrument = new Option<string[]>("--instrument") { Description = "Rules of an instrument the recording does not state, e.g. BTCUSDT:tick=0.1,lot=0.001,min=0.001,maker=0.0002,taker=0.0005 (repeatable).", HelpName = "spec" },
            Instruments = new Option<string>("--instruments") { Description = "Catalog file of instrument rules (JSON object of symbols).", HelpName = "catalog.json" },
            Strategies = new Option<string>("--strategies") { Description = "Strategies to run, e.g. mm or mm,arb.", DefaultValueFactory = _ => "mm" },
            From = new Option<string>("--from") { Description = "Start of the window (ISO 8601 UTC, or Unix seconds); earlier messages only build the books.", HelpName = "time" },
            To = new Option<string>("--to") { Description = "End of the window (ISO 8601 UTC, Unix seconds, or +duration from the start such as +60s).", HelpName = "time" },
            QueueModel = new Option<string>("--queue-model") { Description = "Queue model of our resting orders: risk_averse, prob, power2, power3, logprob….", HelpName = "model", DefaultValueFactory = _ => "power2" },
            Latency = new Option<string>("--latency") { Description = "Latency profile, e.g. feed=const:5ms,entry=const:20ms,response=const:20ms (default: none).", HelpName = "profile" },
            Out = new Option<string>("--out") { Description = "Output directory: result.json, report.html, journal.db.", HelpName = "dir", Required = true },
        };
        options.AddTo(command);
        flags.Map(command, new Option<long>("--seed") { Description = "Seed of every random generator (latency draws, journal session)." }, "Paper:Seed");
        command.SetAction(parse =>
        {
            var loaded = flags.LoadValid(parse, context);
            if (loaded is null) return ExitCodes.Usage;
            return Backtest.BacktestRunner.Run(options.Read(parse), loaded.Options!, loaded.Effective!, context, context.Stop);
        });
        return command;
    }
}
