using System.Numerics;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Backtest.Sources;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;
using Bookmaker.Venues.Simulated.Flow;
using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Backtest.Calibration;

/// <summary>
/// Reads recordings with the backtest's readers (<see cref="ReplayPlan"/>: Polymarket JSON array and recorder
/// <c>.jsonl[.gz]</c>, Binance hftbacktest <c>.gz</c>, Bybit JSONL) and observes every market in them: the YES token of a
/// binary market (its NO book is the mirror), every plain instrument. Binance and Bybit recordings do not state the
/// tick and size step: unless <c>--instrument</c> gives them, they are inferred as the greatest common divisor of the
/// prices and sizes in the first 20,000 messages.
/// </summary>
public static class RecordingCalibrator
{
    private const int InferenceMessages = 20_000;

    /// <summary>What a recording showed: the venue, its markets' observations and the first market's rules.</summary>
    public sealed record Recorded(string Venue, IReadOnlyList<FlowObservations> Markets, ProfileMarket Market, IReadOnlyList<string> Files)
    {
        /// <summary>The pooled estimates.</summary>
        public FlowEstimates Estimates { get; } = FlowEstimates.Of(Markets);
    }

    /// <summary>Observes <paramref name="files"/>; throws <see cref="BacktestInputException"/> for what the user must fix.</summary>
    public static Recorded Observe(IReadOnlyList<DataFile> files, IReadOnlyList<InstrumentSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(specs);
        var problems = new DataProblems();
        var all = new List<InstrumentSpec>(specs);
        all.AddRange(InferredSpecs(files, specs));
        var plan = ReplayPlan.Build(files, all, problems);
        var observed = new FlowObservations?[plan.Instruments.Count];
        var books = new RecordedBook[plan.Instruments.Count];
        for (int i = 0; i < observed.Length; i++)
        {
            var instrument = plan.Instruments[i];
            books[i] = new RecordedBook();
            if (instrument.Outcome is { IsYes: false }) continue;
            observed[i] = new FlowObservations(instrument.TickSize.ToDecimal() is var t ? (double)t : 0);
        }

        var touched = new bool[observed.Length];
        long last = long.MinValue;
        decimal? firstMid = null;
        foreach (var message in plan.Messages)
        {
            long time = message.TimeTicks;
            last = Math.Max(last, time);
            foreach (var e in message.Events)
            {
                int slot = e.InstrumentIndex;
                if ((uint)slot >= (uint)books.Length) continue;
                if (e.Kind == MarketDataKind.Trade)
                {
                    observed[slot]?.OnPrint(time, e.VenueTimeTicks != 0 ? e.VenueTimeTicks : time, e.Side == Side.Buy ? 1 : -1, (double)e.Price.ToDecimal(), (double)e.Size.ToDecimal());
                    continue;
                }

                books[slot].Apply(e);
                touched[slot] = true;
            }

            for (int slot = 0; slot < touched.Length; slot++)
            {
                if (!touched[slot]) continue;
                touched[slot] = false;
                var top = books[slot].Top();
                observed[slot]?.OnTop(time, top.Bid, top.BidSize, top.Ask, top.AskSize);
                if (firstMid is null && observed[slot] is not null && top.BidSize > 0 && top.AskSize > 0) firstMid = (decimal)((top.Bid + top.Ask) / 2);
            }
        }

        var markets = new List<FlowObservations>();
        foreach (var o in observed)
        {
            if (o is null) continue;
            o.Finish(last);
            markets.Add(o);
        }

        var first = plan.Instruments.First(i => i.Outcome is not { IsYes: false });
        var market = new ProfileMarket
        {
            Kind = first.Outcome is null ? ProfileMarketKind.Plain : ProfileMarketKind.Binary,
            Tick = first.TickSize.ToDecimal(),
            Lot = first.SizeStep.ToDecimal(),
            MinSize = first.MinSize.ToDecimal(),
            ReferencePrice = Math.Round(firstMid ?? plan.ReferenceMids.Values.FirstOrDefault(m => m > 0), 9),
        };
        return new Recorded(plan.Venue, markets, market, files.Select(f => Path.GetFileName(f.Path)).ToList());
    }

    /// <summary>Tick and size step of the Binance / Bybit symbols no spec names, from the prices and sizes recorded.</summary>
    private static List<InstrumentSpec> InferredSpecs(IReadOnlyList<DataFile> files, IReadOnlyList<InstrumentSpec> given)
    {
        var plain = files.Where(f => f.Format is DataFormat.Binance or DataFormat.Bybit).ToList();
        if (plain.Count == 0) return [];
        var named = given.Where(s => s.HasRules).Select(s => s.Symbol).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var symbols = new List<string>();
        foreach (var f in plain)
        {
            if (f.Format == DataFormat.Binance && BinanceFileReader.Scan(f.Path).Symbol is { } s) symbols.Add(s);
            if (f.Format == DataFormat.Bybit) symbols.AddRange(BybitFileReader.Scan(f.Path).Symbols);
        }

        var unknown = symbols.Distinct(StringComparer.Ordinal).Where(s => !named.Contains(s)).ToList();
        if (unknown.Count == 0) return [];
        var unit = new Price(1);
        var probe = unknown.Select(s => new InstrumentSpec(s, unit, new Quantity(1), new Quantity(1), 0, 0)).Concat(given).ToList();
        var plan = ReplayPlan.Build(plain, probe, new DataProblems());
        var priceGcd = new long[plan.Instruments.Count];
        var sizeGcd = new long[plan.Instruments.Count];
        foreach (var message in plan.Messages.Take(InferenceMessages))
        {
            foreach (var e in message.Events)
            {
                int slot = e.InstrumentIndex;
                if ((uint)slot >= (uint)priceGcd.Length) continue;
                if (e.Snapshot is { } snap)
                {
                    foreach (var l in snap.Bids.Concat(snap.Asks)) Note(slot, l.Price.Raw, l.Size.Raw);
                }
                else if (e.Kind is MarketDataKind.LevelUpdate or MarketDataKind.Trade) Note(slot, e.Price.Raw, e.Size.Raw);
            }
        }

        var specs = new List<InstrumentSpec>();
        for (int i = 0; i < plan.Instruments.Count; i++)
        {
            string symbol = plan.Instruments[i].Id.Symbol;
            if (!unknown.Contains(symbol) || priceGcd[i] <= 0 || sizeGcd[i] <= 0) continue;
            var lot = new Quantity(sizeGcd[i]);
            specs.Add(new InstrumentSpec(symbol, new Price(priceGcd[i]), lot, lot, 0, 0));
        }

        return specs;

        void Note(int slot, long price, long size)
        {
            if (price > 0) priceGcd[slot] = (long)BigInteger.GreatestCommonDivisor(priceGcd[slot], price);
            if (size > 0) sizeGcd[slot] = (long)BigInteger.GreatestCommonDivisor(sizeGcd[slot], size);
        }
    }
}
