using System.Diagnostics;
using System.Globalization;
using Bookmaker.Engine.Kernel;
using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Cli.Backtest;

/// <summary>
/// The backtest's progress. On a terminal: one line redrawn in place (carriage return, no scrolling) — a bar of how far
/// through the data the replay is, percent, simulated time, events/s, fills, net P&amp;L and ETA — ended with a newline
/// when the replay stops, however it stops. Piped: one plain line about every second, as a log wants.
/// </summary>
/// <param name="output">Where to write.</param>
/// <param name="terminal">True when <paramref name="output"/> is an interactive terminal (see <see cref="IsTerminal"/>).</param>
/// <param name="engine">The engine whose counts are shown.</param>
/// <param name="venue">The replay venue (messages replayed).</param>
/// <param name="clock">The simulated clock.</param>
/// <param name="fraction">How far through the data, in [0, 1]; null when unknown (the bar then shows no percent or ETA).</param>
internal sealed class BacktestProgress(TextWriter output, bool terminal, TradingEngine engine, ReplayVenue venue, TimeProvider clock, Func<double?> fraction)
{
    private const int BarWidth = 24;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private int _drawn;

    /// <summary>How often the engine should call <see cref="Tick"/>: a redrawn line can move faster than a log.</summary>
    public TimeSpan Interval => terminal ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(1);

    /// <summary>True when <paramref name="output"/> is the process's console and that is not redirected.</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>Shows the progress now; always true (the replay goes on).</summary>
    public bool Tick()
    {
        if (terminal) Draw(fraction());
        else
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"backtest: at {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss} — {venue.MessagesReplayed} messages, {engine.Loop.ProcessedCount} events, {engine.Orders.Stats.Fills} fills, net P&L {engine.Portfolio.NetPnl}"));
        return true;
    }

    /// <summary>Ends the redrawn line (a last draw, then the newline) so what follows starts on a line of its own.</summary>
    public void Finish(bool completed)
    {
        if (!terminal) return;
        Draw(completed ? 1.0 : fraction());
        output.WriteLine();
        output.Flush();
        _drawn = 0;
    }

    private void Draw(double? f)
    {
        double seconds = _wall.Elapsed.TotalSeconds;
        long events = engine.Loop.ProcessedCount;
        string bar = f is { } x ? new string('#', (int)Math.Round(x * BarWidth)).PadRight(BarWidth, '.') : new string('?', BarWidth);
        string percent = f is { } p ? (p * 100).ToString("0.0", CultureInfo.InvariantCulture).PadLeft(5) + "%" : "    ?%";
        string eta = f is { } e && e > 0.001 && e < 1 ? Duration(seconds * (1 - e) / e) : f >= 1 ? "0:00" : "--:--";
        string line = string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] {percent}  {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}  {Rate(seconds > 0 ? events / seconds : 0)} ev/s  fills {engine.Orders.Stats.Fills}  net P&L {engine.Portfolio.NetPnl}  ETA {eta}");
        line = Fit(line);
        // Pad over what the last draw left, so a shorter line leaves no tail behind.
        output.Write("\r" + line.PadRight(_drawn));
        output.Flush();
        _drawn = line.Length;
    }

    // A line longer than the terminal would wrap, and a carriage return then redraws only its last row.
    private static string Fit(string line)
    {
        int width;
        try
        {
            width = Console.WindowWidth;
        }
        catch (IOException)
        {
            return line;
        }

        return width > 10 && line.Length >= width ? line[..(width - 1)] : line;
    }

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => (perSecond / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (perSecond / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + "k",
        _ => perSecond.ToString("0", CultureInfo.InvariantCulture),
    };

    private static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds));
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
