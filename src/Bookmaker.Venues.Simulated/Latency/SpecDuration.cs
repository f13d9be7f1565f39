using System.Globalization;

namespace Bookmaker.Venues.Simulated.Latency;

/// <summary>
/// Durations inside simulation spec strings (latency profiles, fault specs): a number and one unit — <c>us</c>,
/// <c>ms</c>, <c>s</c>, <c>m</c> or <c>h</c> — e.g. <c>250us</c>, <c>5ms</c>, <c>1.5s</c>, <c>30s</c>. No colon form,
/// because colons separate parameters in those specs. Resolution is one <see cref="TimeSpan"/> tick (100 ns).
/// </summary>
public static class SpecDuration
{
    /// <summary>Parses <paramref name="text"/>; false on a missing or unknown unit, a negative or inexact value.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        text = text.Trim();
        int i = 0;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
        if (i == 0 || i == text.Length) return false;
        if (!decimal.TryParse(text[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount)) return false;
        long unitTicks = text[i..] switch
        {
            "us" => 10,
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            _ => 0,
        };
        if (unitTicks == 0) return false;
        try
        {
            decimal ticks = amount * unitTicks;
            if (ticks != decimal.Truncate(ticks)) return false;
            duration = TimeSpan.FromTicks(decimal.ToInt64(ticks));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Formats in the largest unit that keeps the value exact, e.g. <c>30s</c>, <c>1500ms</c>, <c>250us</c>, <c>0.1us</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        long t = duration.Ticks;
        if (t < 0) throw new ArgumentOutOfRangeException(nameof(duration), duration, "durations in specs are never negative");
        if (t == 0) return "0ms";
        if (t % TimeSpan.TicksPerHour == 0) return Invariant(t / TimeSpan.TicksPerHour, "h");
        if (t % TimeSpan.TicksPerMinute == 0) return Invariant(t / TimeSpan.TicksPerMinute, "m");
        if (t % TimeSpan.TicksPerSecond == 0) return Invariant(t / TimeSpan.TicksPerSecond, "s");
        if (t % TimeSpan.TicksPerMillisecond == 0) return Invariant(t / TimeSpan.TicksPerMillisecond, "ms");
        if (t % 10 == 0) return Invariant(t / 10, "us");
        return ((decimal)t / 10).ToString(CultureInfo.InvariantCulture) + "us";
    }

    private static string Invariant(long value, string unit) => value.ToString(CultureInfo.InvariantCulture) + unit;
}
