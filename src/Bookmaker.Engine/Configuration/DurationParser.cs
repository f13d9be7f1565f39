using System.Globalization;

namespace Bookmaker.Engine.Configuration;

/// <summary>
/// Parses durations written the way operators write them: <c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>1h</c>,
/// <c>24h</c>, <c>2d</c>, combinations such as <c>1h30m</c>, or a .NET time span such as <c>00:30:00</c>.
/// </summary>
public static class DurationParser
{
    /// <summary>Parses <paramref name="text"/>; false on anything else (including negative numbers).</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        // A bare zero needs no unit ("0" = no duration, e.g. a paper run until Ctrl+C).
        if (text == "0") return true;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        }

        long ticks = 0;
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
            if (i == start) return false;
            if (!decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount))
                return false;
            int unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
            long unitTicks = text[unitStart..i].ToUpperInvariant() switch
            {
                "MS" => TimeSpan.TicksPerMillisecond,
                "S" => TimeSpan.TicksPerSecond,
                "M" => TimeSpan.TicksPerMinute,
                "H" => TimeSpan.TicksPerHour,
                "D" => TimeSpan.TicksPerDay,
                _ => 0,
            };
            if (unitTicks == 0) return false;
            try
            {
                decimal part = amount * unitTicks;
                if (part != decimal.Truncate(part)) return false;
                ticks = checked(ticks + decimal.ToInt64(part));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        duration = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats a duration in the compact form accepted by <see cref="TryParse"/>, e.g. <c>1h30m</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero) return "0s";
        var parts = new System.Text.StringBuilder();
        if (duration < TimeSpan.Zero) return duration.ToString("c", CultureInfo.InvariantCulture);
        if (duration.Days > 0) parts.Append(CultureInfo.InvariantCulture, $"{duration.Days}d");
        if (duration.Hours > 0) parts.Append(CultureInfo.InvariantCulture, $"{duration.Hours}h");
        if (duration.Minutes > 0) parts.Append(CultureInfo.InvariantCulture, $"{duration.Minutes}m");
        if (duration.Seconds > 0) parts.Append(CultureInfo.InvariantCulture, $"{duration.Seconds}s");
        long subMs = duration.Ticks % TimeSpan.TicksPerSecond;
        if (subMs > 0)
        {
            if (subMs % TimeSpan.TicksPerMillisecond == 0) parts.Append(CultureInfo.InvariantCulture, $"{subMs / TimeSpan.TicksPerMillisecond}ms");
            else return duration.ToString("c", CultureInfo.InvariantCulture);
        }

        return parts.ToString();
    }
}
