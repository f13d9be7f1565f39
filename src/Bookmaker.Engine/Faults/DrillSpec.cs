using System.Globalization;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Engine.Faults;

/// <summary>The internal faults a fire drill can inject.</summary>
public enum DrillKind
{
    /// <summary>A strategy throws on its Nth callback.</summary>
    StrategyThrow,

    /// <summary>A strategy blocks the loop (sleeps) on its Nth callback.</summary>
    StrategyBlock,

    /// <summary>The engine core throws once N events have been processed.</summary>
    CoreThrow,

    /// <summary>The Nth journal append fails (and every one after it).</summary>
    JournalFail,

    /// <summary>The engine's wall clock jumps by an offset, some wall time after start (real-time runs only).</summary>
    ClockJump,
}

/// <summary>One drill: what, on which strategy, when (a count, or a wall-clock delay), and its parameter.</summary>
/// <param name="Kind">The fault.</param>
/// <param name="Strategy">Strategy name (strategy drills), or null for the first strategy.</param>
/// <param name="Count">The Nth callback / event / append (counting drills).</param>
/// <param name="After">Wall time after start (clock jump).</param>
/// <param name="Amount">Block duration, or the clock offset.</param>
public sealed record DrillItem(DrillKind Kind, string? Strategy, long Count, TimeSpan After, TimeSpan Amount);

/// <summary>
/// A fire drill for the fail-closed paths (<c>--drill</c>, <c>Engine:Drill</c>): comma-separated items
/// <c>strategy-throw[:name]@N</c>, <c>strategy-block[:name]@N=10s</c>, <c>core-throw@N</c>, <c>journal-fail@N</c>,
/// <c>clock-jump@10s=-90s</c>. Each rehearses one fault through the real command, so an operator can see — before it
/// happens for real — that the engine halts, cancels everything, reports and exits as documented.
/// </summary>
public sealed class DrillSpec
{
    private DrillSpec(IReadOnlyList<DrillItem> items) => Items = items;

    /// <summary>No drill.</summary>
    public static DrillSpec None { get; } = new([]);

    /// <summary>The drills.</summary>
    public IReadOnlyList<DrillItem> Items { get; }

    /// <summary>True when nothing is injected.</summary>
    public bool IsEmpty => Items.Count == 0;

    /// <summary>The first drill of a kind, or null.</summary>
    public DrillItem? Find(DrillKind kind) => Items.FirstOrDefault(i => i.Kind == kind);

    /// <summary>The syntax, for error messages and help.</summary>
    public const string Syntax = "comma-separated strategy-throw[:name]@N, strategy-block[:name]@N=<duration>, core-throw@N, journal-fail@N, clock-jump@<duration>=<±duration>";

    /// <summary>Parses a spec; <paramref name="error"/> names the bad item.</summary>
    public static bool TryParse(string? text, out DrillSpec spec, out string? error)
    {
        spec = None;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var items = new List<DrillItem>();
        foreach (string raw in text.Split(','))
        {
            string token = raw.Trim();
            if (!TryItem(token, out var item, out string? why))
            {
                error = $"'{token}': {why} (expected {Syntax})";
                return false;
            }

            if (items.Any(i => i.Kind == item!.Kind))
            {
                error = $"'{token}': one drill of each kind";
                return false;
            }

            items.Add(item!);
        }

        spec = new DrillSpec(items);
        return true;
    }

    private static bool TryItem(string token, out DrillItem? item, out string? why)
    {
        item = null;
        why = null;
        int at = token.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            why = "missing @when";
            return false;
        }

        string head = token[..at];
        string when = token[(at + 1)..];
        string? param = null;
        int eq = when.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            param = when[(eq + 1)..];
            when = when[..eq];
        }

        string name = head;
        string? strategy = null;
        int colon = head.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            name = head[..colon];
            strategy = head[(colon + 1)..];
            if (strategy.Length == 0)
            {
                why = "empty strategy name";
                return false;
            }
        }

        DrillKind? kind = name switch
        {
            "strategy-throw" => DrillKind.StrategyThrow,
            "strategy-block" => DrillKind.StrategyBlock,
            "core-throw" => DrillKind.CoreThrow,
            "journal-fail" => DrillKind.JournalFail,
            "clock-jump" => DrillKind.ClockJump,
            _ => null,
        };
        if (kind is null)
        {
            why = $"unknown drill '{name}'";
            return false;
        }

        if (strategy is not null && kind is not (DrillKind.StrategyThrow or DrillKind.StrategyBlock))
        {
            why = "only strategy drills name a strategy";
            return false;
        }

        if (kind == DrillKind.ClockJump)
        {
            if (!DurationParser.TryParse(when, out var after) || after < TimeSpan.Zero)
            {
                why = $"'{when}' is not a duration ≥ 0";
                return false;
            }

            if (param is null || !TrySigned(param, out var offset) || offset == TimeSpan.Zero)
            {
                why = "needs =<±duration>, e.g. =-90s or =+1h";
                return false;
            }

            item = new DrillItem(kind.Value, null, 0, after, offset);
            return true;
        }

        if (!long.TryParse(when, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < 1)
        {
            why = $"'{when}' is not a count ≥ 1";
            return false;
        }

        var amount = TimeSpan.Zero;
        if (kind == DrillKind.StrategyBlock)
        {
            if (param is null || !DurationParser.TryParse(param, out amount) || amount <= TimeSpan.Zero || amount > TimeSpan.FromMinutes(10))
            {
                why = "needs =<duration> between 0 and 10m, e.g. =10s";
                return false;
            }
        }
        else if (param is not null)
        {
            why = "takes no =parameter";
            return false;
        }

        item = new DrillItem(kind.Value, strategy, n, TimeSpan.Zero, amount);
        return true;
    }

    private static bool TrySigned(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.Length < 2 || (text[0] != '+' && text[0] != '-')) return false;
        if (!DurationParser.TryParse(text[1..], out var magnitude)) return false;
        value = text[0] == '-' ? -magnitude : magnitude;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(',', Items.Select(i => i.Kind.ToString()));
}
