using System.Diagnostics;
using Bookmaker.Cli.Paper;
using Bookmaker.Engine.Hosting;
using Bookmaker.Engine.Journal;
using Xunit;

namespace Bookmaker.Cli.Tests.Paper;

public sealed class PolymarketEmulatorVenueTests
{
    [Fact]
    public async Task Emulator_venue_delivers_two_sided_books_for_every_market_through_the_real_adapter()
    {
        var (venue, emulator) = await PolymarketEmulatorVenue.CreateAsync(TimeProvider.System, 42, CancellationToken.None);
        await using var _ = emulator;
        await using var host = EngineHost.Create(TimeProvider.System, [venue], new NullJournal(), new EngineHostOptions());
        Assert.Equal(2 * PolymarketEmulatorVenue.MarketCount, venue.Instruments.Count);
        Assert.Equal(Bookmaker.Core.Instruments.VenueNames.Polymarket, venue.Venue);

        await host.StartAsync(CancellationToken.None);
        var sw = Stopwatch.StartNew();
        bool TwoSided() => venue.Instruments.All(i => host.Engine.Book(i) is { IsStale: false, HasBids: true, HasAsks: true });
        while (!TwoSided() && sw.ElapsedMilliseconds < 5000)
        {
            host.Loop.DrainPending();
            await Task.Delay(20); // bounded poll while real sockets deliver
        }

        Assert.True(TwoSided(), "every instrument has a fresh two-sided book");
    }
}
