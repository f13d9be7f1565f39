using System.CommandLine;
using Bookmaker.Venues.Bybit.Auth;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker bybit sign-request|round-trip</c>: Bybit v5 signing and measurement tools.</summary>
internal static class BybitCommand
{
    public static Command Create(CliContext context)
    {
        var bybit = new Command("bybit", "Bybit v5 tools: sign a REST request or a WebSocket auth; measure the order round trip against the emulator.");
        bybit.Subcommands.Add(SignRequest(context));
        bybit.Subcommands.Add(RoundTrip(context));
        return bybit;
    }

    private static Command RoundTrip(CliContext context)
    {
        var command = new Command("round-trip",
            "Measure the order round trip over the trade WebSocket against an in-process loopback emulator (post-only creates, one at a time); prints p50/p99 in µs as JSON.");
        var orders = new Option<int>("--orders") { Description = "Orders measured.", DefaultValueFactory = _ => 1000 };
        var warmup = new Option<int>("--warmup") { Description = "Orders sent first and not measured.", DefaultValueFactory = _ => 200 };
        command.Options.Add(orders);
        command.Options.Add(warmup);
        command.SetAction(parse =>
        {
            int n = parse.GetValue(orders), w = parse.GetValue(warmup);
            if (n is < 1 or > 100_000 || w is < 0 or > 100_000)
            {
                context.Stderr.WriteLine("round-trip: --orders must be 1..100000 and --warmup 0..100000");
                return ExitCodes.Usage;
            }

            context.Stdout.WriteLine(BybitRoundTrip.RunAsync(n, w, context.Stop).GetAwaiter().GetResult());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SignRequest(CliContext context)
    {
        var command = new Command("sign-request",
            "Sign a request read as JSON on stdin ({\"timestamp\",\"recvWindow\",\"method\",\"path\",\"query\"|\"body\"}); prints the X-BAPI-* headers. "
            + "With --ws reads {\"expires\"} and prints the auth op's args [apiKey, expires, signature].");
        var keyEnv = new Option<string>("--key-env") { Description = "Environment variable holding the API key.", Required = true, HelpName = "VAR" };
        var secretEnv = new Option<string>("--secret-env") { Description = "Environment variable holding the API secret.", Required = true, HelpName = "VAR" };
        var ws = new Option<bool>("--ws") { Description = "Sign a WebSocket auth op instead of a REST request." };
        command.Options.Add(keyEnv);
        command.Options.Add(secretEnv);
        command.Options.Add(ws);
        command.SetAction(parse =>
        {
            string? key = Read(context, parse.GetValue(keyEnv)!, "API key");
            string? secret = Read(context, parse.GetValue(secretEnv)!, "API secret");
            if (key is null || secret is null) return ExitCodes.Usage;
            using var signer = new BybitRequestSigner(new BybitCredentials(key, secret));
            string input = (context.Stdin ?? Console.In).ReadToEnd();
            try
            {
                context.Stdout.WriteLine(parse.GetValue(ws) ? SignRequestTool.SignWebSocket(input, signer) : SignRequestTool.SignRest(input, signer));
                return ExitCodes.Ok;
            }
            catch (FormatException ex)
            {
                context.Stderr.WriteLine("sign-request: " + ex.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static string? Read(CliContext context, string variable, string what)
    {
        string? value = context.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        context.Stderr.WriteLine($"environment variable {variable} is not set (it must hold the {what})");
        return null;
    }
}
