using System.CommandLine;
using Bookmaker.Venues.Bybit.Auth;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker bybit sign-request</c>: Bybit v5 signing tools.</summary>
internal static class BybitCommand
{
    public static Command Create(CliContext context)
    {
        var bybit = new Command("bybit", "Bybit v5 tools: sign a REST request or a WebSocket auth.");
        bybit.Subcommands.Add(SignRequest(context));
        return bybit;
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
