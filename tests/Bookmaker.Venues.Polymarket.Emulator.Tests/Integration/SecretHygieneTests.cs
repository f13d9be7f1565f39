using System.Text;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Storage.Journal;
using Xunit;

namespace Bookmaker.Venues.Polymarket.Emulator.Tests.Integration;

[Collection(IntegrationGroup.Name)]
public sealed class SecretHygieneTests
{
    [Fact]
    public async Task Private_key_api_secret_and_passphrase_never_reach_the_journal_adapter_events_or_console()
    {
        string dir = Path.Combine(Path.GetTempPath(), "bm-secrets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "journal.db");
        var console = new StringWriter();
        TextWriter oldOut = Console.Out, oldErr = Console.Error;
        Console.SetOut(console);
        Console.SetError(console);
        string[] secrets;
        string adapterText;
        var exceptionTexts = new List<string>();
        try
        {
            var journal = SqliteJournal.Open(path);
            journal.StartSession("test", 1, "polymarket", DateTimeOffset.UtcNow.UtcTicks);
            await using (var s = await EngineSession.StartAsync(journal: journal))
            {
                secrets = [EngineSession.KeyHex, EngineSession.KeyHex[2..], s.Credentials.Secret, s.Credentials.Passphrase];
                await s.SeedBookAsync();
                var resting = s.Submit(s.Limit(Side.Buy, "0.45", 12));
                await s.WaitStatusAsync(resting, OrderStatus.Open);
                s.Emulator.TakeLiquidity(s.Market.YesTokenId, Side.Sell, Price.Parse("0.45"), Quantity.FromUnits(5));
                await s.WaitStatusAsync(resting, OrderStatus.PartiallyFilled);
                Assert.False(s.Orders.Submit(s.Limit(Side.Buy, "0.99")).Sent); // off the fat-finger band: denied and journaled
                s.Emulator.BeginRestart(TimeSpan.FromSeconds(2));
                var restarting = s.Submit(s.Limit(Side.Buy, "0.44"));
                await s.WaitStatusAsync(restarting, OrderStatus.Rejected);
                s.Advance(TimeSpan.FromSeconds(3));
                Assert.True(s.Orders.Cancel(resting));
                await s.WaitStatusAsync(resting, OrderStatus.Cancelled);
                s.Emulator.DropAllWebSockets();
                await s.UntilAsync(() => s.Tap.Statuses.Any(x => x.State == Bookmaker.Engine.Venues.VenueState.Reconnected), "reconnected");
                s.Orders.RequestReconciliation();
                await s.UntilAsync(() => s.Tap.Snapshots.Count >= 2, "reconciliation snapshot");
                adapterText = s.Tap.AllText() + "\n" + s.Adapter + "\n" + s.Credentials;
                try
                {
                    _ = Bookmaker.Venues.Polymarket.Adapter.OwnedSigner.FromHex(EngineSession.KeyHex[..^2] + "zz");
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    exceptionTexts.Add(ex.ToString());
                }

                await s.Journal.FlushAsync();
            }
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }

        using var reader = JournalReader.Open(path);
        var export = new StringBuilder();
        foreach (var r in reader.ReadAll()) export.Append(r.Entry.ToString()).Append(' ').AppendLine(r.Entry.Payload);
        Assert.True(reader.Count() > 10, "the session journaled something");
        reader.Dispose();
        var fileText = new StringBuilder();
        foreach (string file in Directory.GetFiles(dir)) // the database and any WAL/SHM left beside it
        {
            byte[] bytes = File.ReadAllBytes(file);
            fileText.Append(Encoding.UTF8.GetString(bytes)).Append(Encoding.Latin1.GetString(bytes));
        }

        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(secret, export.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, fileText.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, adapterText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, console.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.All(exceptionTexts, t => Assert.DoesNotContain(secret, t, StringComparison.OrdinalIgnoreCase));
        }

        Directory.Delete(dir, recursive: true);
    }
}
