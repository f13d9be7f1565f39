using System.CommandLine;
using System.Text.Json;
using Bookmaker.Engine.Configuration;
using Bookmaker.Venues.Polymarket.Adapter;
using Bookmaker.Venues.Polymarket.Auth;
using Bookmaker.Venues.Polymarket.Crypto;
using Bookmaker.Venues.Polymarket.Http;

namespace Bookmaker.Cli.Commands;

/// <summary><c>bookmaker polymarket sign-order|derive-api-key</c>: Polymarket credential and signing tools.</summary>
internal static class PolymarketCommand
{
    public static Command Create(CliContext context)
    {
        var polymarket = new Command("polymarket", "Polymarket tools: sign an order, derive API credentials.");
        polymarket.Subcommands.Add(SignOrder(context));
        polymarket.Subcommands.Add(DeriveApiKey(context));
        return polymarket;
    }

    private static Command SignOrder(CliContext context)
    {
        var command = new Command("sign-order", "Sign a V2 order read as JSON on stdin; prints {\"digest\",\"signature\"}.");
        var keyEnv = new Option<string>("--key-env") { Description = "Environment variable holding the private key (0x + 64 hex).", Required = true, HelpName = "VAR" };
        command.Options.Add(keyEnv);
        command.SetAction(parse =>
        {
            using var key = LoadKey(context, parse.GetValue(keyEnv)!);
            if (key is null) return ExitCodes.Usage;
            string input = (context.Stdin ?? Console.In).ReadToEnd();
            try
            {
                var (digest, signature) = SignOrderTool.Sign(input, key);
                context.Stdout.WriteLine($"{{\"digest\":\"{digest}\",\"signature\":\"{signature}\"}}");
                return ExitCodes.Ok;
            }
            catch (FormatException ex)
            {
                context.Stderr.WriteLine("sign-order: " + ex.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static Command DeriveApiKey(CliContext context)
    {
        var command = new Command("derive-api-key", "Derive L2 API credentials from the private key (L1 auth, GET /auth/derive-api-key).");
        var flags = new ConfigFlags();
        flags.AddTo(command);
        var keyEnv = new Option<string?>("--key-env") { Description = "Environment variable holding the private key (default: Venue:Polymarket:PrivateKey).", HelpName = "VAR" };
        var nonce = new Option<ulong>("--nonce") { Description = "Key nonce (default 0).", DefaultValueFactory = _ => 0 };
        var show = new Option<bool>("--show-secrets") { Description = "Print the secret and passphrase instead of masking them." };
        command.Options.Add(keyEnv);
        command.Options.Add(nonce);
        command.Options.Add(show);
        command.SetAction(parse =>
        {
            var options = LoadOptions(flags, parse, context);
            if (options is null) return ExitCodes.Usage;
            var p = options.Venue.Polymarket;
            using var key = parse.GetValue(keyEnv) is string v ? LoadKey(context, v) : KeyFrom(p.PrivateKey, context);
            if (key is null) return ExitCodes.Usage;
            using var rest = new PolymarketRestClient(PolymarketHttpSettings.From(p), null, TimeProvider.System);
            var headers = new L1Authenticator(key, (ulong)p.ChainId).CreateHeaders(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), parse.GetValue(nonce));
            var r = rest.DeriveApiKeyAsync(headers).GetAwaiter().GetResult();
            if (!r.IsSuccess || r.Value?.ApiKey is null)
            {
                context.Stderr.WriteLine($"derive-api-key failed (HTTP {r.HttpStatus}): {r.Error?.Text ?? "no key in the answer"}");
                return ExitCodes.Failure;
            }

            bool reveal = parse.GetValue(show);
            context.Stdout.WriteLine("apiKey:     " + r.Value.ApiKey);
            context.Stdout.WriteLine("secret:     " + (reveal ? r.Value.Secret : Mask(r.Value.Secret)));
            context.Stdout.WriteLine("passphrase: " + (reveal ? r.Value.Passphrase : Mask(r.Value.Passphrase)));
            if (!reveal) context.Stdout.WriteLine("(secrets masked; add --show-secrets to print them, then store them in env or a file)");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "*** (" + secret.Length + " chars)";

    internal static BookmakerOptions? LoadOptions(ConfigFlags flags, ParseResult parse, CliContext context)
    {
        return flags.LoadValid(parse, context)?.Options;
    }

    internal static ISecp256k1Signer? LoadKey(CliContext context, string variable)
    {
        string? hex = context.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(hex))
        {
            context.Stderr.WriteLine($"environment variable {variable} is not set (it must hold the private key)");
            return null;
        }

        return KeyFrom(hex.Trim(), context, variable);
    }

    internal static ISecp256k1Signer? KeyFrom(string? hex, CliContext context, string source = "Venue:Polymarket:PrivateKey")
    {
        if (string.IsNullOrEmpty(hex))
        {
            context.Stderr.WriteLine($"no private key: set {source} (env or file)");
            return null;
        }

        try
        {
            return OwnedSigner.FromHex(hex);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            context.Stderr.WriteLine($"{source} does not hold a valid private key (value not shown)");
            return null;
        }
    }

    internal static void WriteJsonString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
