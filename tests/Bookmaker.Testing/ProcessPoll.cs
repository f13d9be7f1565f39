using System.Diagnostics;

namespace Bookmaker.Testing;

/// <summary>
/// The one bounded poll the process tests use to watch a real, separate <c>bookmaker</c> process (a file appearing, an
/// endpoint answering, a venue emptying). Another process has no clock we can inject, so observing it needs a wall-clock
/// interval; in-process tests use the injected <see cref="TimeProvider"/> instead and never come here.
/// </summary>
public static class ProcessPoll
{
    /// <summary>How often the condition is checked.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> holds; throws naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(Interval).ConfigureAwait(false);
        }
    }
}
