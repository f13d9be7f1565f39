using System.Diagnostics;
using System.Globalization;

namespace Bookmaker.Cli.Sweep;

/// <summary>
/// The sweep's output of finished runs. Piped, each finished run is one line as before (they are the progress). On a
/// terminal the same lines scroll above a bar redrawn in place — runs done of the total and an ETA — which is cleared
/// before each line and ended with a newline at the end. Workers report from several threads, hence the lock.
/// </summary>
internal sealed class SweepProgress(CliContext context, int total)
{
    private const int BarWidth = 24;
    private readonly object _gate = new();
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly bool _terminal = Backtest.BacktestProgress.IsTerminal(context.Stdout);
    private int _done;
    private int _drawn;

    /// <summary>Shows the empty bar (terminal only).</summary>
    public void Start()
    {
        lock (_gate) Draw();
    }

    /// <summary>Writes the line of one finished run (to stderr when it failed), then moves the bar on.</summary>
    public void Finished(string line, bool failed)
    {
        lock (_gate)
        {
            _done++;
            Clear();
            (failed ? context.Stderr : context.Stdout).WriteLine(line);
            Draw();
        }
    }

    /// <summary>Ends the bar's line so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (!_terminal || _drawn == 0) return;
            context.Stdout.WriteLine();
            _drawn = 0;
        }
    }

    private void Clear()
    {
        if (!_terminal || _drawn == 0) return;
        context.Stdout.Write("\r" + new string(' ', _drawn) + "\r");
        context.Stdout.Flush();
        _drawn = 0;
    }

    private void Draw()
    {
        if (!_terminal) return;
        double f = total > 0 ? Math.Min(1, _done / (double)total) : 1;
        double seconds = _wall.Elapsed.TotalSeconds;
        string eta = _done > 0 && _done < total ? Duration(seconds * (total - _done) / _done) : _done >= total ? "0:00" : "--:--";
        string line = string.Create(CultureInfo.InvariantCulture,
            $"sweep: [{new string('#', (int)Math.Round(f * BarWidth)).PadRight(BarWidth, '.')}] {_done}/{total} runs  {Duration(seconds)} elapsed  ETA {eta}");
        context.Stdout.Write("\r" + line);
        context.Stdout.Flush();
        _drawn = line.Length;
    }

    private static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds));
        return t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
