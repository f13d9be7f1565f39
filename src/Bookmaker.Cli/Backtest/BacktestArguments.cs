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

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Data, Format, Instrument, Instruments, Strategies, From, To, QueueModel, Latency, Out }) command.Options.Add(o);
    }

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
        parse.GetValue(Out)!);
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
    string Out);
