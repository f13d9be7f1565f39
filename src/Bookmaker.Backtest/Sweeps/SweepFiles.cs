using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bookmaker.Backtest.Sweeps;

/// <summary>
/// The files a sweep leaves besides each run's backtest outputs: <c>&lt;out&gt;/sweep-plan.json</c> (the grid: keys,
/// values, number of runs — the same bytes from every shard) and <c>&lt;out&gt;/runs/&lt;id&gt;/sweep-run.json</c> (the run's
/// index, parameters and the SHA-256 of the arguments it was run with, which the resume check compares).
/// </summary>
public static class SweepFiles
{
    /// <summary>File name of the plan.</summary>
    public const string PlanFile = "sweep-plan.json";

    /// <summary>File name of a run's manifest.</summary>
    public const string RunFile = "sweep-run.json";

    /// <summary>Directory of the runs under a sweep's output.</summary>
    public const string RunsDirectory = "runs";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The plan document of <paramref name="grid"/>.</summary>
    public static JsonObject Plan(SweepGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var axes = new JsonArray();
        foreach (var a in grid.Axes) axes.Add(new JsonObject { ["key"] = a.Key, ["values"] = new JsonArray([.. a.Values.Select(v => (JsonNode)v)]) });
        return new JsonObject { ["schema"] = 1, ["grid"] = axes, ["runs"] = grid.Count };
    }

    /// <summary>The grid a plan document describes.</summary>
    public static SweepGrid ReadPlan(JsonObject plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new SweepGrid([.. plan["grid"]!.AsArray().Select(a => new GridAxis(a!["key"]!.GetValue<string>(), [.. a["values"]!.AsArray().Select(v => v!.GetValue<string>())]))]);
    }

    /// <summary>A run's manifest.</summary>
    public static JsonObject RunManifest(SweepRun run, string argsSha256)
    {
        ArgumentNullException.ThrowIfNull(run);
        var parameters = new JsonObject();
        foreach (var (k, v) in run.Parameters) parameters[k] = v;
        return new JsonObject { ["id"] = run.Id, ["index"] = run.Index, ["parameters"] = parameters, ["args_sha256"] = argsSha256 };
    }

    /// <summary>Writes <paramref name="doc"/> to <paramref name="path"/> through a temporary file and a rename, so a reader (another shard, a resumed sweep) never sees half a file.</summary>
    public static void WriteAtomically(string path, JsonObject doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        // Unique per writer: every pod of the Kubernetes job is PID 1 and writes the plan to the same shared volume.
        string temp = path + "." + Path.GetRandomFileName() + ".tmp";
        File.WriteAllText(temp, doc.ToJsonString(Indented) + "\n", new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a JSON object, or null when the file is missing or not a JSON object (e.g. cut short).</summary>
    public static JsonObject? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
