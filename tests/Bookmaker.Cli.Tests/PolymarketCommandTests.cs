using Xunit;

namespace Bookmaker.Cli.Tests;

public sealed class PolymarketCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Sign_order_prints_digest_and_signature_of_the_v2_vector()
    {
        _cli.Environment["PM_KEY"] = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
        string input = "{\"chainId\":137,\"exchange\":\"0xE111180000d2663C0091e4f400237545B87B996B\",\"order\":{\"salt\":479249096354," +
            "\"maker\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"signer\":\"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\",\"tokenId\":\"1234\"," +
            "\"makerAmount\":\"100000000\",\"takerAmount\":\"50000000\",\"side\":\"BUY\",\"signatureType\":0,\"timestamp\":\"1710000000000\",\"expiration\":\"0\"}}";
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int code = BookmakerCli.Run(["polymarket", "sign-order", "--key-env", "PM_KEY"], new CliContext(stdout, stderr, _cli.Environment, _cli.Directory, new StringReader(input)));

        Assert.Equal(0, code);
        Assert.Equal("{\"digest\":\"0x10124949f84e9f7438c88d02bfd546ceb27ed6eb1fdb0175137af535b6e2513d\",\"signature\":\"0x42c7b4857d51e344045fcfde17b37cf1290d784471ffe618c22aa56ea5ddcf0009015b87ffb299813f5597e86d4ad56f40d634558d915edb719e6fc71dbc0d891c\"}",
            stdout.ToString().Trim());
    }

    [Fact]
    public void Live_refuses_without_confirm_live()
    {
        var r = _cli.Run("live", "--venue", "polymarket");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--confirm-live", r.Stderr, StringComparison.Ordinal);
    }
}
