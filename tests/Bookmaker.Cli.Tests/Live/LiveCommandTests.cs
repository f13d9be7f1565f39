using System.Text;
using Bookmaker.Engine.Journal;
using Bookmaker.Storage.Journal;
using Bookmaker.Venues.Polymarket.Emulator;

namespace Bookmaker.Cli.Tests.Live;

/// <summary>
/// <c>bookmaker live</c> end to end against the loopback emulator: the real adapter (signing, L2 auth, REST, both
/// WebSockets, heartbeat), the engine on the system clock, graceful stop. Traffic goes to 127.0.0.1 only.
/// </summary>
public sealed class LiveCommandTests
{
    [Fact]
    public async Task Live_session_quotes_on_the_venue_then_leaves_no_order_resting()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();

        var r = fx.RunLive("--duration", "4s", "--set", "Risk:MaxPositionPerInstrument=5000");

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.True(fx.Emulator.OrdersPosted > 0, "the session sent signed orders to the venue");
        Assert.Equal(0, fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey));
        Assert.Contains("live summary", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_session_keeps_key_secret_and_passphrase_out_of_output_and_journal()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();

        var r = fx.RunLive("--duration", "2s", "--set", "Risk:MaxPositionPerInstrument=5000");

        Assert.Equal(0, r.ExitCode);
        string journal = string.Concat(Directory.GetFiles(Path.Combine(fx.Cli.Directory, "data"), "live-journal.db*")
            .Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.NotEmpty(journal);
        foreach (string secret in new[] { LiveEmulatorFixture.PrivateKey[2..], fx.Credentials.Secret, fx.Credentials.Passphrase })
        {
            Assert.DoesNotContain(secret, r.Stdout + r.Stderr, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, journal, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(true, "US", false, "blocks trading from this location")]
    [InlineData(false, "PL", false, "close-only on Polymarket")]
    [InlineData(false, "IE", true, "the account is in close-only mode")]
    public async Task Live_refuses_before_any_order_when_location_or_account_forbids_trading(bool blocked, string country, bool closedOnlyAccount, string reason)
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        fx.Emulator.Geoblock = new EmulatedGeoblock(blocked, country, "01");
        fx.Emulator.ClosedOnly = closedOnlyAccount;

        var r = fx.RunLive("--duration", "2s");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains(reason, r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, fx.Emulator.OrdersPosted);
    }

    [Fact]
    public async Task Live_prints_one_line_per_wallet_check_before_trading()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();

        var r = fx.RunLive("--duration", "1s", "--set", "Risk:MaxPositionPerInstrument=5000");

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("wallet: signature type 0 (Eoa), signer 0x", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("wallet: collateral 10000.00 pUSD", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("wallet: allowances — pUSD and conditional tokens approved for CTF Exchange — ok", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_places_and_cancels_a_self_test_order_before_trading_when_asked()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();

        var r = fx.RunLive("--duration", "4s", "--set", "Risk:MaxPositionPerInstrument=5000", "--set", "Live:SelfTestOrder=true");

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.True(r.Stdout.Contains("wallet: self-test order placed and cancelled — ok", StringComparison.Ordinal), r.Stdout + r.Stderr);
        var trail = fx.Emulator.OrderTrail();
        Assert.True(trail.Count > 2, string.Join("\n", trail) + r.Stdout);
        string[] first = trail[0].Split(' ');
        Assert.Equal(["posted", "BUY", "5"], [first[0], first[2].ToUpperInvariant(), first[4]]);
        // As deep as the risk gate's fat-finger band (10% around the 0.50 mid) lets it: far below the 0.48 touch.
        Assert.Equal("0.41", first[3]);
        Assert.Equal("cancelled " + first[1], trail[1]);
        Assert.StartsWith("posted ", trail[2], StringComparison.Ordinal); // the first quote comes after the cancel
        Assert.Equal(0, fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey));

        using var reader = JournalReader.Open(Path.Combine(fx.Cli.Directory, "data", "live-journal.db"));
        var intent = reader.ReadByKind(JournalKind.OrderIntent).First().Entry;
        Assert.Contains("selftest", intent.Payload, StringComparison.Ordinal);
        Assert.Contains(reader.ReadByKind(JournalKind.CancelRequested), c => c.Entry.OrderId == intent.OrderId);
    }

    [Fact]
    public async Task Live_refuses_to_trade_when_the_self_test_order_is_rejected()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        fx.Emulator.SetTradingMode(TradingMode.CancelOnly);

        var r = fx.RunLive("--duration", "30s", "--set", "Risk:MaxPositionPerInstrument=5000", "--set", "Live:SelfTestOrder=true");

        Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
        Assert.Contains("live: self-test order failed at placing", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("wallet: self-test order placed and cancelled", r.Stdout, StringComparison.Ordinal);
        Assert.Empty(fx.Emulator.OrderTrail());
        Assert.Equal(0, fx.Emulator.RestingOrderCount(fx.Credentials.ApiKey));
    }

    [Fact]
    public async Task Live_refuses_a_wallet_without_collateral()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync(new EmulatorOptions { InitialCollateral = Bookmaker.Core.Values.Money.Zero });

        var r = fx.RunLive("--duration", "2s");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("the collateral balance of 0x", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("is 0 pUSD", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, fx.Emulator.OrdersPosted);
    }

    [Fact]
    public async Task Live_refuses_a_wallet_whose_pusd_allowance_is_zero()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        fx.Emulator.SetAllowances(fx.Credentials.ApiKey, collateral: false, tokens: true);

        var r = fx.RunLive("--duration", "2s");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("live: pUSD allowance to CTF Exchange (0xE111180000d2663C0091e4f400237545B87B996B) is 0", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, fx.Emulator.OrdersPosted);
    }

    [Fact]
    public async Task Live_refuses_a_wallet_whose_tokens_are_not_approved()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        fx.Emulator.SetAllowances(fx.Credentials.ApiKey, collateral: true, tokens: false);

        var r = fx.RunLive("--duration", "2s");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("conditional tokens are not approved for CTF Exchange", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, fx.Emulator.OrdersPosted);
    }

    [Fact]
    public async Task Live_refuses_an_eoa_whose_funder_is_another_address()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();

        var r = fx.RunLive("--duration", "2s", "--set", "Venue:Polymarket:Funder=0x1111111111111111111111111111111111111111");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("config error: Venue:Polymarket:Funder = '0x1111111111111111111111111111111111111111' (wallet self-test): must be unset or the signer's own address", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, fx.Emulator.OrdersPosted);
    }

    [Fact]
    public async Task Live_refuses_an_unknown_market_before_trading()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();

        var r = fx.Cli.Run("live", "--venue", "polymarket", "--confirm-live", "--markets", "no-such-market-slug", "--duration", "2s");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no-such-market-slug", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, fx.Emulator.OrdersPosted);
    }

    [Fact]
    public async Task Live_refuses_a_closed_market_with_one_line_and_exits_2_when_none_is_left()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        string closed = fx.Emulator.Markets[0].ConditionId;
        fx.Emulator.ResolveMarket(closed);

        var r = fx.Cli.Run("live", "--venue", "polymarket", "--confirm-live", "--markets", closed, "--duration", "2s");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"live: market {closed} is not tradable: closed; refused", r.Stderr, StringComparison.Ordinal);
        Assert.Contains($"no tradable market left ({closed} refused)", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, fx.Emulator.OrdersPosted);
    }

    [Fact]
    public async Task Live_trades_the_markets_still_open_when_one_named_market_is_closed()
    {
        await using var fx = await LiveEmulatorFixture.StartAsync();
        string closed = fx.Emulator.Markets[0].ConditionId;
        fx.Emulator.ResolveMarket(closed);

        var r = fx.RunLive("--duration", "1s");

        Assert.Contains($"live: market {closed} is not tradable: closed; refused", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 market(s)", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_requires_markets()
    {
        using var cli = new CliRunner();

        var r = cli.Run("live", "--venue", "polymarket", "--confirm-live");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--markets is required", r.Stderr, StringComparison.Ordinal);
    }
}
