using Bookmaker.Core.Fees;
using Bookmaker.Core.Values;
using Bookmaker.Venues.Simulated.Matching;

namespace Bookmaker.Venues.Polymarket.Emulator;

/// <summary>What a trade's settlement will do, drawn at the match from the seeded fault RNG.</summary>
internal enum TradeFate : byte
{
    /// <summary>MATCHED → MINED → CONFIRMED.</summary>
    Confirms,

    /// <summary>MATCHED → MINED → RETRYING → CONFIRMED.</summary>
    RetriesThenConfirms,

    /// <summary>MATCHED → RETRYING → FAILED: both sides' balances go back.</summary>
    Fails,
}

/// <summary>
/// A trade's life after the match, on the emulator clock: MATCHED → MINED after <see cref="EmulatorOptions.MinedAfter"/>
/// → CONFIRMED after <see cref="EmulatorOptions.ConfirmedAfter"/> more. With <see cref="EmulatorOptions.TradeRetryProbability"/>
/// a trade goes MINED → RETRYING and confirms one <see cref="EmulatorOptions.ConfirmedAfter"/> later; with
/// <see cref="EmulatorOptions.TradeFailProbability"/> (or the admin API's <see cref="Fail"/>) it goes RETRYING → FAILED and
/// the match is undone on both accounts. Tokens received stay unsellable and out of the reported balance until the trade
/// confirms (<see cref="SettlementHolds"/>). Each step is published to both sides of the trade.
/// </summary>
internal sealed class TradeSettlement(MatchingEngine engine, OrderRecords records, StreamPublisher publish, EmulatorOptions options)
{
    private readonly Random _faults = new(options.FaultSeed);
    private readonly Dictionary<string, TradeFate> _fates = new(StringComparer.Ordinal);

    /// <summary>Unsettled token movements per account and slot.</summary>
    public SettlementHolds Holds { get; } = new();

    /// <summary>A trade was just matched: its tokens are held until it settles, and its fate is drawn.</summary>
    public void OnMatched(TradeRecord trade)
    {
        foreach (var (order, _, size, _) in Legs(trade))
        {
            long qty = size.Raw;
            if (order.Side == Side.Buy) Holds.Hold(order.Owner.Account, order.Slot, qty, 0);
            else Holds.Hold(order.Owner.Account, order.Slot, 0, qty);
        }

        // One draw per trade whatever the probabilities, so a run's fates depend only on the seed and the trade count.
        double draw = _faults.NextDouble();
        _fates[trade.Id] = draw < options.TradeFailProbability ? TradeFate.Fails
            : draw < options.TradeFailProbability + options.TradeRetryProbability ? TradeFate.RetriesThenConfirms
            : TradeFate.Confirms;
    }

    /// <summary>True when the account holds <paramref name="size"/> settled, unlocked tokens of the slot to sell.</summary>
    public bool CanSell(int account, int slot, Quantity size) =>
        engine.Account(account).AvailableTokens(slot).Raw - Holds.Received(account, slot) >= size.Raw;

    /// <summary>The on-chain balance of a token: the ledger's, less tokens received and plus tokens delivered in unsettled trades.</summary>
    public Quantity Balance(int account, int slot) =>
        new(engine.Account(account).Tokens(slot).Raw - Holds.Received(account, slot) + Holds.Delivered(account, slot));

    /// <summary>Moves every unsettled trade whose time has come one or two steps on.</summary>
    public void Advance(DateTimeOffset now)
    {
        foreach (TradeRecord trade in records.Trades)
        {
            if (trade.Failed || trade.Status == "CONFIRMED") continue;
            var fate = _fates.GetValueOrDefault(trade.Id);
            var age = now - trade.MatchTime;
            if (fate == TradeFate.Fails)
            {
                if (trade.Status == "MATCHED" && age >= options.MinedAfter) SetStatus(trade, "RETRYING");
                if (trade.Status == "RETRYING" && age >= options.MinedAfter + options.ConfirmedAfter) Undo(trade);
                continue;
            }

            if (trade.Status == "MATCHED" && age >= options.MinedAfter) SetStatus(trade, "MINED");
            if (fate == TradeFate.RetriesThenConfirms)
            {
                if (trade.Status == "MINED" && age >= options.MinedAfter + options.ConfirmedAfter) SetStatus(trade, "RETRYING");
                if (trade.Status == "RETRYING" && age >= options.MinedAfter + options.ConfirmedAfter + options.ConfirmedAfter) Confirm(trade);
                continue;
            }

            if (trade.Status == "MINED" && age >= options.MinedAfter + options.ConfirmedAfter) Confirm(trade);
        }
    }

    /// <summary>Moves a trade to RETRYING then FAILED and undoes it on both accounts.</summary>
    public void Fail(string tradeId)
    {
        if (!records.TryGetTrade(tradeId, out TradeRecord trade)) throw new ArgumentException($"unknown trade {tradeId}", nameof(tradeId));
        if (trade.Failed || trade.Status == "CONFIRMED") return;
        SetStatus(trade, "RETRYING");
        Undo(trade);
    }

    private void Confirm(TradeRecord trade)
    {
        Release(trade);
        SetStatus(trade, "CONFIRMED");
    }

    // The settlement transaction failed: each leg's tokens and cash go back to where they were before the match.
    private void Undo(TradeRecord trade)
    {
        Release(trade);
        foreach (var (order, price, size, fee) in Legs(trade))
        {
            engine.ReverseLeg(order.Owner.Account, order.Side, order.Slot, size, Money.Notional(price, size), new FeeCharge(fee, Money.Zero));
        }

        trade.Failed = true;
        SetStatus(trade, "FAILED");
    }

    private void Release(TradeRecord trade)
    {
        foreach (var (order, _, size, _) in Legs(trade))
        {
            if (order.Side == Side.Buy) Holds.Release(order.Owner.Account, order.Slot, size.Raw, 0);
            else Holds.Release(order.Owner.Account, order.Slot, 0, size.Raw);
        }
    }

    // The taker's leg at the taker's price and the maker's at its own (a complement maker trades the other token).
    private static IEnumerable<(OrderRecord Order, Price Price, Quantity Size, Money Fee)> Legs(TradeRecord trade)
    {
        yield return (trade.Taker, trade.TakerPrice, trade.Size, Money.Zero);
        yield return (trade.Maker.Order, trade.Maker.Price, trade.Maker.Size, trade.Maker.Fee);
    }

    private void SetStatus(TradeRecord trade, string status)
    {
        trade.Status = status;
        trade.LastUpdateSeconds = options.Time.GetUtcNow().ToUnixTimeSeconds();
        publish.Trade(trade);
    }
}
