using System.CommandLine;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// The configuration flags every configurable command carries (<c>--profile</c>, <c>--config</c>, repeatable
/// <c>--set Section:Key=value</c>) and the mapping of a command's dedicated flags onto configuration keys.
/// </summary>
internal sealed class ConfigFlags
{
    private readonly List<(Option Option, string Key, Func<ParseResult, string?> Read)> _mapped = [];
    private readonly List<(Option Option, string SelectorKey, Func<string?, string> KeyOf, Func<ParseResult, string?> Read)> _dependent = [];

    public Option<string?> Profile { get; } = new("--profile") { Description = "Profile: profiles/<name>.json (or a path to a .json file)." };

    public Option<string?> ConfigFile { get; } = new("--config") { Description = "Override file (JSON), above the profile." };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override one key, e.g. --set Risk:DailyLossLimit=25 (repeatable; highest precedence).",
        HelpName = "Section:Key=value",
    };

    /// <summary>Adds the three configuration flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(ConfigFile);
        command.Options.Add(Set);
    }

    /// <summary>Adds <paramref name="option"/> to <paramref name="command"/>, its value mapped onto <paramref name="key"/>.</summary>
    public Option<T> Map<T>(Command command, Option<T> option, string key)
    {
        command.Options.Add(option);
        _mapped.Add((option, key, parse => Format(parse.GetValue(option))));
        return option;
    }

    /// <summary>
    /// Adds <paramref name="option"/>, its value mapped onto the key <paramref name="keyOf"/> picks from the effective
    /// value of <paramref name="selectorKey"/> (every layer and every other flag applied), e.g. <c>--markets</c> onto
    /// <c>Paper:Markets</c> or <c>Venue:Polymarket:Markets</c> depending on <c>Venue:Name</c>.
    /// </summary>
    public Option<T> MapDependent<T>(Command command, Option<T> option, string selectorKey, Func<string?, string> keyOf)
    {
        command.Options.Add(option);
        _dependent.Add((option, selectorKey, keyOf, parse => Format(parse.GetValue(option))));
        return option;
    }

    /// <summary>
    /// Loads the configuration; on any error prints each one and returns null (the caller exits 2).
    /// <paramref name="extra"/> overrides come after every <c>--set</c> (as <c>bookmaker sweep</c>'s grid values do).
    /// </summary>
    public ConfigLoadResult? Load(ParseResult parse, CliContext context, IReadOnlyList<ConfigOverride>? extra = null)
    {
        var overrides = new List<ConfigOverride>();
        var errors = new List<ConfigError>();
        foreach (string text in parse.GetValue(Set) ?? [])
        {
            if (ConfigOverride.TryParseAssignment(text, out var assignment, out var error)) overrides.Add(assignment!);
            else errors.Add(error!);
        }

        overrides.AddRange(extra ?? []);

        // Dedicated flags are more specific than --set, so they are applied after it.
        foreach (var (option, key, read) in _mapped)
        {
            var result = parse.GetResult(option);
            if (result is null || result.Implicit) continue;
            overrides.Add(new ConfigOverride(key, read(parse), "cli:" + option.Name));
        }

        ConfigRequest Request(IReadOnlyList<ConfigOverride> list) => new()
        {
            Profile = parse.GetValue(Profile),
            ConfigFile = parse.GetValue(ConfigFile),
            Environment = context.Environment,
            WorkingDirectory = context.WorkingDirectory,
            Overrides = list,
        };
        if (errors.Count > 0)
        {
            Report(errors, context);
            return null;
        }

        var given = _dependent.Where(d => parse.GetResult(d.Option) is { Implicit: false }).ToList();
        if (given.Count == 0) return Warn(ConfigLoader.Load(Request(overrides)), context);

        // Which key a dependent flag sets depends on the rest of the configuration: load once without them to see it.
        var first = ConfigLoader.Load(Request(overrides));
        var all = new List<ConfigOverride>(overrides);
        foreach (var (option, selector, keyOf, read) in given)
            all.Add(new ConfigOverride(keyOf(first.Effective?[selector]), read(parse), "cli:" + option.Name));
        return Warn(ConfigLoader.Load(Request(all)), context);
    }

    /// <summary>
    /// Loads the configuration and requires it to be valid: on any error (bad flag or failed validation) prints each one
    /// and returns null, and the caller exits 2. <paramref name="extra"/> as for <see cref="Load"/>.
    /// </summary>
    public ConfigLoadResult? LoadValid(ParseResult parse, CliContext context, IReadOnlyList<ConfigOverride>? extra = null)
    {
        var loaded = Load(parse, context, extra);
        if (loaded is null) return null;
        if (loaded.Succeeded) return loaded;
        Report(loaded.Errors, context);
        return null;
    }

    /// <summary>Prints the load's warnings on stderr (one line each), whatever its outcome, and passes it on.</summary>
    private static ConfigLoadResult Warn(ConfigLoadResult result, CliContext context)
    {
        foreach (string w in result.Warnings) context.Stderr.WriteLine(w);
        return result;
    }

    private static string? Format<T>(T value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Prints each error on its own line.</summary>
    public static void Report(IEnumerable<ConfigError> errors, CliContext context)
    {
        foreach (var e in errors) context.Stderr.WriteLine(e.ToString());
    }
}
