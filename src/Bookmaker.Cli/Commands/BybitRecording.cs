using Bookmaker.Engine.Configuration;
using Bookmaker.Engine.Venues;
using Bookmaker.Storage.Recording;
using Bookmaker.Venues.Bybit.Adapter;
using Bookmaker.Venues.Bybit.Ws;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker record --venue bybit|bybit-emulator</c>: the Bybit public feed's raw frames (order book and trades of the
/// named symbols, checked against <c>instruments-info</c> first) into the recorder's <c>{"recv_ns":…,"msg":…}</c> lines,
/// which <c>bookmaker backtest</c> replays as Bybit data.
/// </summary>
internal static class BybitRecording
{
    public static async Task<int> RunAsync(CliContext context, BookmakerOptions options, bool emulator, IReadOnlyList<string> symbols, string path,
        TimeSpan? limit, IVenueEventSink sink, CancellationToken ct)
    {
        int depth = options.Venue.Bybit.Depth;
        var endpoints = await Paper.BybitEndpoints.ResolveAsync(options, emulator, seed: 7, ct).ConfigureAwait(false);
        try
        {
            var stream = new BybitStreamOptions { Depth = depth };
            // The adapter's own checks: every symbol listed, Trading, terms readable.
            await using (await BybitVenueAdapter.CreateAsync(endpoints.Rest, endpoints.PublicWsBase, endpoints.Category, symbols, stream, TimeProvider.System, null, ct).ConfigureAwait(false))
            {
            }

            await using var recorder = new RawFrameRecorder(path);
            using var feed = new BybitPublicFeed(endpoints.PublicWs, [.. symbols.Select((s, i) => (s, i))], stream, TimeProvider.System) { RawObserver = recorder.Record };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var run = feed.RunAsync(sink, stop.Token);
            context.Stdout.WriteLine($"recording {symbols.Count} Bybit symbol(s) (orderbook.{depth}, publicTrade) to {path}{(limit is null ? " until Ctrl+C" : " for " + DurationParser.Format(limit.Value))}");
            try
            {
                await Task.Delay(limit ?? Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop and flush
            }

            await stop.CancelAsync().ConfigureAwait(false);
            await run.ConfigureAwait(false);
            context.Stdout.WriteLine($"recorded {recorder.Frames} frame(s); {feed.Gaps} gap(s), {feed.RefusedTopics.Count} refused topic(s)");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (Paper.BybitEndpoints.IsExpected(ex))
        {
            context.Stderr.WriteLine("record: " + endpoints.Describe(ex));
            return ExitCodes.Failure;
        }
        finally
        {
            if (endpoints.Emulator is not null) await endpoints.Emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
