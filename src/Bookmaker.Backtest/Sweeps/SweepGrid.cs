namespace Bookmaker.Backtest.Sweeps;

/// <summary>
/// The cartesian grid of a sweep: every combination of the axes' values. The order is fixed — the first axis varies
/// slowest, the last fastest, values in the order given — so run <c>i</c> is the same run on every machine, which is
/// what lets <see cref="ShardSpec"/> split the grid by index.
/// </summary>
public sealed class SweepGrid
{
    /// <summary>Creates a grid; throws <see cref="ArgumentException"/> when two axes name the same key.</summary>
    public SweepGrid(IReadOnlyList<GridAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.GroupBy(a => a.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } dup)
            throw new ArgumentException($"--grid names the key '{dup.Key}' twice (each key once, its values separated by ',')", nameof(axes));
        Axes = axes;
    }

    /// <summary>The axes, in the order of the <c>--grid</c> flags.</summary>
    public IReadOnlyList<GridAxis> Axes { get; }

    /// <summary>Number of runs: the product of the axes' lengths (1 for no axis).</summary>
    public long Count => Axes.Aggregate(1L, (n, a) => checked(n * a.Values.Count));

    /// <summary>Every run, in grid order.</summary>
    public IReadOnlyList<SweepRun> Expand()
    {
        int count = checked((int)Count);
        var runs = new List<SweepRun>(count);
        for (int i = 0; i < count; i++)
        {
            var parameters = new KeyValuePair<string, string>[Axes.Count];
            int rest = i;
            for (int a = Axes.Count - 1; a >= 0; a--)
            {
                var values = Axes[a].Values;
                parameters[a] = KeyValuePair.Create(Axes[a].Key, values[rest % values.Count]);
                rest /= values.Count;
            }

            runs.Add(new SweepRun(i, parameters));
        }

        return runs;
    }
}
