using System.CommandLine;
using Bookmaker.Backtest.Calibration;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Venues.Simulated.Flow;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker calibrate</c>: estimates a flow profile from recordings (<c>--data … --out profile.json</c>), or checks
/// a profile against a recording (<c>--check profile.json --data …</c>: the profile-driven simulation beside the
/// recording, with Kolmogorov–Smirnov distances). See docs/simulation-calibration.md.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("calibrate", "Estimate a flow profile from recordings, or check one against a recording (docs/simulation-calibration.md).");
        var data = new Option<string[]>("--data") { Description = "Recordings: files, directories or globs (Polymarket .json / .jsonl[.gz], Binance .gz, Bybit .jsonl).", AllowMultipleArgumentsPerToken = true, HelpName = "path" };
        var output = new Option<string>("--out") { Description = "Write the profile JSON here.", HelpName = "profile.json" };
        var name = new Option<string>("--name") { Description = "Profile name (default: the --out file name without extension)." };
        var check = new Option<string>("--check") { Description = "Compare this profile (a file, or liquid, thin, crypto) against the recording instead of writing one.", HelpName = "profile.json" };
        var instrument = new Option<string[]>("--instrument") { Description = "Rules of a Binance/Bybit symbol, SYMBOL:tick=…,lot=…[,min=…] (default: inferred from the recording).", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the check's simulation.", DefaultValueFactory = _ => 1 };
        var seeds = new Option<int>("--seeds") { Description = "Seeds of the check pooled, from --seed on.", DefaultValueFactory = _ => 1 };
        var duration = new Option<string>("--duration") { Description = "Simulated time of the check (default: the recording's span, at least 10m).", HelpName = "time" };
        foreach (var o in new Option[] { data, output, name, check, instrument, seed, seeds, duration }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            string cwd = context.WorkingDirectory ?? Directory.GetCurrentDirectory();
            string[] dataArguments = parse.GetValue(data) ?? [];
            var (paths, missing) = DataPaths.Expand(dataArguments, cwd);
            if (missing.Count > 0) return Fail(context, $"calibrate: --data {string.Join(", ", missing.Select(m => $"'{m}'"))}: no such file or directory");
            // A check may run without a recording (synthetic against the profile only); calibrating needs one.
            if (paths.Count == 0 && (dataArguments.Length > 0 || parse.GetValue(check) is null)) return Fail(context, "calibrate: --data names no file");
            var files = paths.Select(p => DataFile.Describe(p, null)).ToList();
            if (files.FirstOrDefault(f => f.Format == DataFormat.Unknown) is { } unknown)
                return Fail(context, $"calibrate: {Path.GetFileName(unknown.Path)} is not a Polymarket JSON array, recorder .jsonl, Binance <recv_ns> <json> or Bybit JSONL recording");
            List<InstrumentSpec> specs;
            try
            {
                specs = (parse.GetValue(instrument) ?? []).Select(InstrumentSpec.Parse).ToList();
            }
            catch (FormatException e)
            {
                return Fail(context, $"calibrate: --instrument: {e.Message}");
            }

            string? checkPath = parse.GetValue(check);
            string? outPath = parse.GetValue(output);
            if (checkPath is null && outPath is null) return Fail(context, "calibrate: give --out profile.json (calibrate) or --check profile.json (compare)");
            FlowProfile? checkedProfile = null;
            if (checkPath is not null)
            {
                try
                {
                    checkedProfile = BuiltInProfiles.Find(checkPath) ?? FlowProfile.Load(context.ResolvePath(checkPath));
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    return Fail(context, $"calibrate: --check '{checkPath}': {e.Message}");
                }
            }

            TimeSpan? span = null;
            if (parse.GetValue(duration) is { } d)
            {
                if (!Engine.Configuration.DurationParser.TryParse(d, out var parsed) || parsed <= TimeSpan.Zero) return Fail(context, $"calibrate: --duration '{d}' is not a duration such as 10m or 1h");
                span = parsed;
            }

            RecordingCalibrator.Recorded? recorded = null;
            try
            {
                if (files.Count > 0) recorded = RecordingCalibrator.Observe(files, specs);
            }
            catch (Exception e) when (e is BacktestInputException or InvalidDataException or FormatException)
            {
                return Fail(context, "calibrate: " + e.Message);
            }

            if (checkedProfile is not null)
            {
                if (parse.GetValue(seeds) is < 1 or > 1000) return Fail(context, "calibrate: --seeds must be in 1..1000");
                var report = CalibrationCheck.Run(checkedProfile, recorded, parse.GetValue(seed), span, parse.GetValue(seeds));
                context.Stdout.Write(report.ToMarkdown());
                return ExitCodes.Ok;
            }

            FlowProfile profile;
            try
            {
                profile = ProfileCalibrator.Calibrate(recorded!, parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(outPath!));
            }
            catch (InvalidOperationException e)
            {
                return Fail(context, "calibrate: " + e.Message);
            }

            string target = context.ResolvePath(outPath!);
            File.WriteAllText(target, profile.ToJson() + Environment.NewLine);
            context.Stdout.WriteLine($"calibrate: wrote {outPath}: {recorded!.Markets.Count} market(s), {profile.ObservedSeconds:0.#} s, {profile.Takers.Orders} taker orders" +
                (profile.Priors.Count > 0 ? $"; priors (not in the recording): {string.Join(", ", profile.Priors)}" : ""));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Fail(CliContext context, string line)
    {
        context.Stderr.WriteLine(line);
        return ExitCodes.Usage;
    }
}
