using System.CommandLine;
using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Http;
using Bookmaker.Venues.Polymarket.Recording;
using Bookmaker.Venues.Polymarket.Wire;
using Bookmaker.Venues.Polymarket.Ws;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker record --venue polymarket|bybit|bybit-emulator --markets … --out file.jsonl.gz [--duration]</c>.</summary>
internal static class RecordCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("record", "Record live market data (raw market-channel frames) for backtests.");
        var flags = new ConfigFlags();
        flags.AddTo(command);
        var venue = new Option<string>("--venue") { Description = "Venue: polymarket, bybit or bybit-emulator.", DefaultValueFactory = _ => "polymarket" };
        var markets = new Option<string>("--markets") { Description = "Comma-separated condition ids (0x…) or Gamma slugs; Bybit: symbols (BTCUSDT,…).", Required = true, HelpName = "ids|slugs|symbols" };
        var output = new Option<string>("--out") { Description = "Output file (.jsonl.gz).", HelpName = "path", Required = true };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (e.g. 30s, 10m, 1h); default: until Ctrl+C.", HelpName = "time" };
        foreach (var o in new Option[] { venue, markets, output, duration }) command.Options.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            string venueName = parse.GetValue(venue)!.Trim().ToLowerInvariant();
            if (venueName is not ("polymarket" or "bybit" or "bybit-emulator"))
            {
                context.Stderr.WriteLine($"record: --venue '{parse.GetValue(venue)}' must be polymarket, bybit or bybit-emulator");
                return ExitCodes.Usage;
            }

            TimeSpan? limit = null;
            if (parse.GetValue(duration) is string d)
            {
                if (!DurationParser.TryParse(d, out var span) || span <= TimeSpan.Zero)
                {
                    context.Stderr.WriteLine($"record: --duration '{d}' must be a duration such as 30s, 10m or 1h");
                    return ExitCodes.Usage;
                }

                limit = span;
            }

            var options = PolymarketCommand.LoadOptions(flags, parse, context);
            if (options is null) return ExitCodes.Usage;
            if (venueName != "polymarket")
            {
                var symbols = parse.GetValue(markets)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(x => x.ToUpperInvariant()).Distinct().ToList();
                return await BybitRecording.RunAsync(context, options, venueName == "bybit-emulator", symbols, context.ResolvePath(parse.GetValue(output)!), limit, NullSink.Instance, ct)
                    .ConfigureAwait(false);
            }

            var p = options.Venue.Polymarket;
            using var rest = new PolymarketRestClient(PolymarketHttpSettings.From(p), null, TimeProvider.System);
            var ids = parse.GetValue(markets)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var (found, errors) = await PolymarketMarket.ResolveAsync(rest, ids, ct).ConfigureAwait(false);
            foreach (string e in errors) context.Stderr.WriteLine("record: " + e);
            if (found.Count == 0 || errors.Count > 0) return ExitCodes.Failure;

            var registry = new InstrumentRegistry();
            var map = new AssetIndexMap();
            foreach (var m in found)
            {
                var (yes, no) = m.ToInstruments();
                foreach (var i in new[] { yes, no })
                {
                    if (registry.TryGet(i.Id, out _)) continue;
                    registry.Add(i);
                    map.Add(i.Id.Symbol, i.Index);
                }
            }

            string path = context.ResolvePath(parse.GetValue(output)!);
            var settings = PolymarketAdapterSettings.From(p);
            await using var recorder = new Bookmaker.Storage.Recording.RawFrameRecorder(path);
            var clients = PolymarketSubscriptions.Shard(registry.All.Select(i => i.Id.Symbol))
                .Select((shard, n) => new MarketChannelClient(settings.MarketWsUrl, shard, map, NullSink.Instance, settings.Socket, TimeProvider.System, recorder.Record, n + 1))
                .ToList();
            foreach (var c in clients) c.Start();
            context.Stdout.WriteLine($"recording {registry.Count} token(s) of {found.Count} market(s) to {path}{(limit is null ? " until Ctrl+C" : " for " + DurationParser.Format(limit.Value))}");
            try
            {
                await Task.Delay(limit ?? Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop and flush
            }

            foreach (var c in clients) await c.DisposeAsync().ConfigureAwait(false);
            context.Stdout.WriteLine($"recorded {recorder.Frames} frame(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The recorder only needs raw frames; parsed events go nowhere.</summary>
    internal sealed class NullSink : IVenueEventSink
    {
        public static readonly NullSink Instance = new();

        public void OnMarketData(in MarketDataEvent e)
        {
        }

        public void OnExecutionReport(Bookmaker.Core.Orders.ExecutionReport report)
        {
        }

        public void OnRequestFailed(VenueRequestFailed failure)
        {
        }

        public void OnVenueStatus(VenueStatusEvent status)
        {
        }

        public void OnAccountSnapshot(AccountSnapshot snapshot)
        {
        }
    }
}
