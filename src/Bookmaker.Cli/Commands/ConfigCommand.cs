using System.CommandLine;
using System.Text.Json;
using Bookmaker.Engine.Configuration;

namespace Bookmaker.Cli.Commands;

/// <summary>
/// <c>bookmaker config show</c>: every effective key with its value (secrets as <c>***</c>) and the layer it came
/// from. With errors it still prints what it could merge, then the errors, and exits 2.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Command("config", "Inspect the effective configuration.");
        var show = new Command("show", "Print every effective key, its value (secrets as ***) and its source.");
        var flags = new ConfigFlags();
        flags.AddTo(show);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        show.Options.Add(json);
        show.SetAction(parse =>
        {
            var loaded = flags.Load(parse, context);
            if (loaded is null) return ExitCodes.Usage;
            if (loaded.Effective is not null)
            {
                if (parse.GetValue(json)) WriteJson(loaded.Effective, context.Stdout);
                else WriteTable(loaded.Effective, context.Stdout);
            }

            ConfigFlags.Report(loaded.Errors, context);
            return loaded.Succeeded ? ExitCodes.Ok : ExitCodes.Usage;
        });
        config.Subcommands.Add(show);
        return config;
    }

    private static void WriteTable(EffectiveConfig effective, TextWriter output)
    {
        const string KeyHeader = "KEY", ValueHeader = "VALUE", SourceHeader = "SOURCE";
        int keyWidth = Math.Max(KeyHeader.Length, effective.Entries.Max(e => e.Key.Length));
        int valueWidth = Math.Max(ValueHeader.Length, effective.Entries.Max(e => e.DisplayValue.Length));
        output.WriteLine($"{KeyHeader.PadRight(keyWidth)}  {ValueHeader.PadRight(valueWidth)}  {SourceHeader}");
        foreach (var e in effective.Entries)
        {
            output.WriteLine($"{e.Key.PadRight(keyWidth)}  {e.DisplayValue.PadRight(valueWidth)}  {e.Source}");
        }
    }

    private static void WriteJson(EffectiveConfig effective, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var e in effective.Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("key", e.Key);
                if (e.Value is null) writer.WriteNull("value");
                else writer.WriteString("value", e.DisplayValue);
                writer.WriteString("source", e.Source);
                writer.WriteBoolean("secret", e.IsSecret);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
