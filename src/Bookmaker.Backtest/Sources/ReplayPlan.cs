using System.Globalization;
using Bookmaker.Backtest.Inputs;
using Bookmaker.Core.Fees;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Replay;
using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Backtest.Sources;

/// <summary>
/// What a backtest replays: the instruments (from the recording where the venue states them — Polymarket <c>book</c>
/// tick sizes — else from <c>--instrument</c> / the catalog), each one's fee model and reference mid (the first book's
/// mid, for the report), and the one time-ordered message stream of every file. Built before the engine, so an
/// instrument that cannot be determined is a usage error naming the symbol and the flag.
/// </summary>
public sealed class ReplayPlan
{
    private readonly Dictionary<InstrumentId, IFeeModel> _fees;

    private ReplayPlan(string venue, IReadOnlyList<Instrument> instruments, Dictionary<InstrumentId, IFeeModel> fees, IReadOnlyDictionary<string, decimal> mids, IEnumerable<ReplayMessage> messages)
    {
        Venue = venue;
        Instruments = instruments;
        _fees = fees;
        ReferenceMids = mids;
        Messages = messages;
    }

    /// <summary>polymarket, binance or bybit.</summary>
    public string Venue { get; }

    /// <summary>The instruments, in replay-slot order.</summary>
    public IReadOnlyList<Instrument> Instruments { get; }

    /// <summary>The first mid of each symbol seen while scanning (0 when none).</summary>
    public IReadOnlyDictionary<string, decimal> ReferenceMids { get; }

    /// <summary>Every file's messages merged in time order (lazy: files are read as the replay goes).</summary>
    public IEnumerable<ReplayMessage> Messages { get; }

    /// <summary>
    /// Liquidity-reward terms of the instruments whose spec gives them (Polymarket tokens only; empty for a venue that
    /// pays no liquidity rewards).
    /// </summary>
    public IReadOnlyDictionary<InstrumentId, RewardTerms> Rewards { get; private init; } = new Dictionary<InstrumentId, RewardTerms>();

    /// <summary>
    /// Time of the last message (UTC ticks) when the plan knows it before the replay (Polymarket: its records are read
    /// up front); null for streamed files, whose progress is their bytes read (<see cref="ReadProgress"/>).
    /// </summary>
    public long? LastTimeTicks { get; private init; }

    /// <summary>The fee model charged on our fills of an instrument.</summary>
    public IFeeModel FeesOf(InstrumentId id) => _fees.TryGetValue(id, out var f) ? f : ZeroFeeModel.Instance;

    /// <summary>
    /// Builds the plan; throws <see cref="BacktestInputException"/> for what the user must fix. Streamed files count the
    /// bytes they read in <paramref name="progress"/> when given.
    /// </summary>
    /// <param name="files">The data files (unknown formats are reported and skipped).</param>
    /// <param name="specs">Instrument specs from <c>--instrument</c> and the catalog.</param>
    /// <param name="problems">Where data problems are counted.</param>
    /// <param name="progress">Bytes read, for the progress line.</param>
    /// <param name="configured">Reward terms from configuration (<c>Backtest:Rewards:&lt;token&gt;:*</c>) by token: a market
    /// takes them only when neither of its tokens' specs (<c>--instrument</c>, the catalog) gives terms, which win.</param>
    public static ReplayPlan Build(IReadOnlyList<DataFile> files, IReadOnlyList<InstrumentSpec> specs, DataProblems problems, ReadProgress? progress = null,
        IReadOnlyDictionary<string, RewardTerms>? configured = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(problems);
        var usable = new List<DataFile>();
        foreach (var f in files)
        {
            if (f.Format == DataFormat.Unknown) problems.Add(DataProblems.UnknownFormat, Path.GetFileName(f.Path), 0, "not a Polymarket JSON array, recorder .jsonl or Binance <recv_ns> <json> file; not replayed");
            else usable.Add(f);
        }

        var venues = usable.Select(f => DataFormats.VenueOf(f.Format)!).Distinct(StringComparer.Ordinal).ToList();
        if (venues.Count == 0) throw new BacktestInputException("backtest: no replayable data in --data (every file is of an unknown format: " + string.Join(", ", files.Select(f => Path.GetFileName(f.Path))) + "); use --format to name it");
        if (venues.Count > 1) throw new BacktestInputException("backtest: --data mixes venues (" + string.Join(", ", venues) + "); one run replays files of one venue");
        var bySymbol = specs.ToDictionary(s => s.Symbol, StringComparer.OrdinalIgnoreCase);
        if (venues[0] != "polymarket" && specs.FirstOrDefault(s => s.Rewards is not null) is { } rewarded)
            throw new BacktestInputException($"backtest: --instrument {rewarded.Symbol} gives reward_* terms, but {venues[0]} pays no liquidity rewards (they apply to Polymarket tokens)");
        configured ??= new Dictionary<string, RewardTerms>();
        var plan = venues[0] switch
        {
            "binance" => Binance(usable, bySymbol, problems, progress),
            "bybit" => Bybit(usable, bySymbol, problems, progress),
            _ => Polymarket(usable, bySymbol, problems, configured),
        };
        if (venues[0] != "polymarket" && plan.Instruments.FirstOrDefault(i => configured.ContainsKey(i.Id.Symbol)) is { } paid)
            throw new BacktestInputException($"backtest: Backtest:Rewards:{paid.Id.Symbol} gives reward terms, but {venues[0]} pays no liquidity rewards (they apply to Polymarket tokens)");
        return plan;
    }

    private static ReplayPlan Binance(List<DataFile> files, Dictionary<string, InstrumentSpec> specs, DataProblems problems, ReadProgress? progress)
    {
        var instruments = new List<Instrument>();
        var fees = new Dictionary<InstrumentId, IFeeModel>();
        var mids = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var slotOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var streams = new List<IEnumerable<ReplayMessage>>();
        foreach (var file in files)
        {
            var (symbol, mid, futures) = BinanceFileReader.Scan(file.Path);
            if (symbol is null) throw new BacktestInputException($"backtest: {Path.GetFileName(file.Path)} names no symbol in its first lines (no depthUpdate or trade); it cannot be replayed");
            if (!slotOf.TryGetValue(symbol, out int slot))
            {
                if (!specs.TryGetValue(symbol, out var spec) || !spec.HasRules)
                    throw new BacktestInputException($"backtest: the tick size, lot and minimum size of {symbol} (in {Path.GetFileName(file.Path)}) are not in the recording; give them with --instrument {symbol}:tick=0.1,lot=0.001,min=0.001[,maker=0.0002,taker=0.0005] or --instruments catalog.json");
                slot = instruments.Count;
                slotOf[symbol] = slot;
                var instrument = new Instrument(new InstrumentId(VenueNames.Binance, symbol), futures ? InstrumentKind.LinearPerpetual : InstrumentKind.Spot,
                    FixedPoint.SignificantDecimals(spec.Tick!.Value.Raw), spec.Tick.Value, spec.Lot!.Value, spec.MinSize ?? spec.Lot.Value, spec.Tick.Value, Price.Parse("100000000"), "proportional");
                instruments.Add(instrument);
                fees[instrument.Id] = Fees(spec);
                mids[symbol] = mid;
            }

            // Gunzip, decode and normalization run on a prefetch thread per file; the engine thread only replays.
            streams.Add(BackgroundPrefetch.Prefetch(BinanceFileReader.Messages(file.Path, slot, problems, progress)));
        }

        return new ReplayPlan("binance", instruments, fees, mids, TimeMerge.Merge(streams));
    }

    private static ReplayPlan Bybit(List<DataFile> files, Dictionary<string, InstrumentSpec> specs, DataProblems problems, ReadProgress? progress)
    {
        var instruments = new List<Instrument>();
        var fees = new Dictionary<InstrumentId, IFeeModel>();
        var mids = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        var slotOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var streams = new List<IEnumerable<ReplayMessage>>();
        foreach (var file in files)
        {
            var (symbols, firstMids) = BybitFileReader.Scan(file.Path);
            if (symbols.Count == 0) throw new BacktestInputException($"backtest: {Path.GetFileName(file.Path)} names no symbol in its first lines (no orderbook or publicTrade topic); it cannot be replayed");
            foreach (string symbol in symbols)
            {
                if (slotOf.ContainsKey(symbol)) continue;
                // The public stream does not state tick, lot or minimum: they come from --instrument or the catalog
                // (the live adapter reads them from instruments-info). Bybit's linear perpetuals are what the archive
                // and the rebate market maker trade; the kind only matters for shorting, which a perpetual allows.
                if (!specs.TryGetValue(symbol, out var spec) || !spec.HasRules)
                    throw new BacktestInputException($"backtest: the tick size, lot and minimum size of {symbol} (in {Path.GetFileName(file.Path)}) are not in the recording; give them with --instrument {symbol}:tick=0.0001,lot=1,min=1[,maker=-0.00005,taker=0.00055] or --instruments catalog.json");
                slotOf[symbol] = instruments.Count;
                var instrument = new Instrument(new InstrumentId(VenueNames.Bybit, symbol), InstrumentKind.LinearPerpetual,
                    FixedPoint.SignificantDecimals(spec.Tick!.Value.Raw), spec.Tick.Value, spec.Lot!.Value, spec.MinSize ?? spec.Lot.Value, spec.Tick.Value, Price.Parse("100000000"), "proportional");
                instruments.Add(instrument);
                fees[instrument.Id] = Fees(spec);
                mids[symbol] = firstMids.GetValueOrDefault(symbol);
            }

            streams.Add(BackgroundPrefetch.Prefetch(BybitFileReader.Messages(file.Path, s => slotOf.TryGetValue(s, out int slot) ? slot : -1, problems, progress)));
        }

        return new ReplayPlan("bybit", instruments, fees, mids, TimeMerge.Merge(streams));
    }

    private static ReplayPlan Polymarket(List<DataFile> files, Dictionary<string, InstrumentSpec> specs, DataProblems problems, IReadOnlyDictionary<string, RewardTerms> configured)
    {
        // Two passes over small files: the first finds every token, its market and its tick; the second replays. The
        // records are kept between them (Polymarket recordings are small next to Binance's).
        var perFile = files.Select(f => PolymarketFileReader.Records(f, problems).ToList()).ToList();
        var tokens = new List<string>();
        var marketOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var tickOf = new Dictionary<string, Price>(StringComparer.Ordinal);
        var mids = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var r in perFile.SelectMany(x => x).Select(x => x.Record))
        {
            switch (r)
            {
                case PolymarketBookRecord b:
                    Note(b.AssetId, b.Market);
                    if (b.TickSize is { } t) tickOf.TryAdd(b.AssetId, t);
                    if (!mids.ContainsKey(b.AssetId) && b.Bids.Count > 0 && b.Asks.Count > 0) mids[b.AssetId] = (b.Bids[0].Price.ToDecimal() + b.Asks[0].Price.ToDecimal()) / 2;
                    break;
                case PolymarketTickSizeChangeRecord c:
                    Note(c.AssetId, c.Market);
                    tickOf.TryAdd(c.AssetId, c.OldTick);
                    break;
                case PolymarketPriceChangeRecord p:
                    foreach (var change in p.Changes) Note(change.AssetId, p.Market);
                    break;
                case PolymarketLastTradeRecord trade:
                    Note(trade.AssetId, trade.Market);
                    break;
            }
        }

        var instruments = new List<Instrument>();
        var fees = new Dictionary<InstrumentId, IFeeModel>();
        var byMarket = tokens.GroupBy(t => marketOf[t], StringComparer.Ordinal).ToList();
        foreach (var market in byMarket)
        {
            var pair = market.ToList();
            for (int k = 0; k < pair.Count; k++)
            {
                string token = pair[k];
                specs.TryGetValue(token, out var spec);
                // Polymarket ticks are per market: a token without its own book takes its complement's tick.
                Price tick = spec?.Tick ?? (tickOf.TryGetValue(token, out var known) ? known
                    : pair.Select(p => tickOf.TryGetValue(p, out var other) ? other : (Price?)null).FirstOrDefault(t => t is not null)
                    ?? throw new BacktestInputException($"backtest: the tick size of Polymarket token {token} is not in the recording (no book with tick_size, no tick_size_change); give it with --instrument {token}:tick=0.01,lot=0.01,min=5"));
                // The market channel does not say which token is YES: the first token of a market seen in the
                // recording is called YES (outcome "0"), its complement NO; NO = 1 − YES holds either way.
                OutcomeLinks? links = pair.Count == 2
                    ? new OutcomeLinks(market.Key, k.ToString(CultureInfo.InvariantCulture), k == 0, new InstrumentId(VenueNames.Polymarket, pair[1 - k]))
                    : null;
                var instrument = links is not null
                    ? Instrument.PolymarketToken(token, tick, links, spec?.MinSize)
                    : new Instrument(new InstrumentId(VenueNames.Polymarket, token), InstrumentKind.OutcomeToken, 3, tick, spec?.Lot ?? Quantity.Parse("0.01"), spec?.MinSize ?? Quantity.FromUnits(5), tick, Price.One - tick, "polymarket");
                instruments.Add(instrument);
                fees[instrument.Id] = spec is null ? ZeroFeeModel.Instance : Fees(spec);
            }
        }

        var slot = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < instruments.Count; i++) slot[instruments[i].Id.Symbol] = i;
        int SlotOf(string asset) => slot.TryGetValue(asset, out int s) ? s : -1;
        var streams = perFile.Select(records => PolymarketFileReader.Messages(records, SlotOf)).ToList();
        if (instruments.Count == 0) throw new BacktestInputException("backtest: the Polymarket data names no token (no book, price_change or trade message)");
        var rewards = new Dictionary<InstrumentId, RewardTerms>();
        foreach (var i in instruments)
            if (specs.TryGetValue(i.Id.Symbol, out var spec) && spec.Rewards is { } terms) rewards[i.Id] = terms;
        // Configured terms fill in only markets whose specs give none (the flag and the catalog win, per market).
        foreach (var i in instruments)
        {
            if (rewards.ContainsKey(i.Id) || !configured.TryGetValue(i.Id.Symbol, out var fromConfig)) continue;
            if (i.Outcome is { } o && specs.TryGetValue(o.Complement.Symbol, out var other) && other.Rewards is not null) continue;
            rewards[i.Id] = fromConfig;
        }

        // The programme is the market's: its two tokens may both name it, but must not disagree.
        foreach (var i in instruments)
        {
            if (i.Outcome is not { IsYes: true } links || !rewards.TryGetValue(i.Id, out var yes) || !rewards.TryGetValue(links.Complement, out var no) || yes == no) continue;
            throw new BacktestInputException($"backtest: --instrument {i.Id.Symbol} and {links.Complement.Symbol} are the two tokens of market {links.MarketId} but give different reward_* terms; a market has one programme");
        }

        long? last = perFile.SelectMany(x => x).Select(x => (long?)x.TimeTicks).Max();
        return new ReplayPlan("polymarket", instruments, fees, mids, TimeMerge.Merge(streams)) { Rewards = rewards, LastTimeTicks = last };

        void Note(string asset, string market)
        {
            if (marketOf.TryAdd(asset, market)) tokens.Add(asset);
        }
    }

    private static IFeeModel Fees(InstrumentSpec spec) =>
        spec.MakerRate == 0 && spec.TakerRate == 0 ? ZeroFeeModel.Instance : new BybitFeeModel(spec.TakerRate, spec.MakerRate);
}
