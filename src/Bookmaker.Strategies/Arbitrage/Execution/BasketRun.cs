using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;

namespace Bookmaker.Strategies.Arbitrage.Execution;

/// <summary>How a basket attempt ended.</summary>
public enum BasketOutcome : byte
{
    /// <summary>Still in flight (legs working or being repaired).</summary>
    InFlight = 0,

    /// <summary>Every leg holds the same size: complete sets (possibly after completing a short leg).</summary>
    Success = 1,

    /// <summary>Filled legs were traded back (flat, or down to the complete sets already held).</summary>
    Unwound = 2,

    /// <summary>Nothing filled: no position.</summary>
    Missed = 3,
}

/// <summary>
/// One basket in flight: its legs, what each leg has filled (net, in the basket's direction), the cash the fills
/// moved, the orders still working and the timers. Owned by <see cref="BasketExecutor"/> on the event loop.
/// </summary>
public sealed class BasketRun
{
    internal BasketRun(long sequence, ArbBasket basket, ArbOpportunity opportunity, long detectedTicks)
    {
        Sequence = sequence;
        Id = "arb-" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Basket = basket;
        Opportunity = opportunity;
        Side = opportunity.Kind == ArbKind.SellSet ? Side.Sell : Side.Buy;
        DetectedTicks = detectedTicks;
        int n = basket.LegCount;
        Legs = new Instrument[n];
        Fees = new ILegFeeModel[n];
        for (int i = 0; i < n; i++)
        {
            Legs[i] = basket.Leg(i).Instrument;
            Fees[i] = basket.Leg(i).Fee;
        }

        FilledRaw = new long[n];
        CashRaw = new long[n];
        EntryIds = new ClientOrderId[n];
        Answered = new bool[n];
        EntryFinal = new bool[n];
        Unanswered = n;
        PolicyLegs = new BasketLegState[n];
    }

    /// <summary>Executor-wide sequence number.</summary>
    public long Sequence { get; }

    /// <summary>Journal id ("arb-17").</summary>
    public string Id { get; }

    /// <summary>The watched basket.</summary>
    public ArbBasket Basket { get; }

    /// <summary>The detached opportunity that started it.</summary>
    public ArbOpportunity Opportunity { get; }

    /// <summary>Buy for buy-set/buy-all baskets, Sell for sell-set baskets.</summary>
    public Side Side { get; }

    /// <summary>Detection time (UTC ticks).</summary>
    public long DetectedTicks { get; }

    /// <summary>The leg instruments.</summary>
    public Instrument[] Legs { get; }

    /// <summary>Each leg's fee curve.</summary>
    internal ILegFeeModel[] Fees { get; }

    /// <summary>Net shares traded per leg in the basket's direction (bought for a buy basket), raw.</summary>
    internal long[] FilledRaw { get; }

    /// <summary>Signed cash per leg incl. fees and rebates (received positive, paid negative), raw.</summary>
    internal long[] CashRaw { get; }

    internal ClientOrderId[] EntryIds { get; }

    internal bool[] Answered { get; }

    /// <summary>Per leg: its entry order reached a final state (counted once in the leg-kill rate).</summary>
    internal bool[] EntryFinal { get; }

    internal int Unanswered { get; set; }

    /// <summary>When the last entry leg was acknowledged or finished (UTC ticks; 0 until then).</summary>
    public long LastAckTicks { get; internal set; }

    internal List<ClientOrderId> Active { get; } = [];

    internal HashSet<ClientOrderId> TimedOut { get; } = [];

    internal BasketLegState[] PolicyLegs { get; }

    internal bool RetryPending { get; set; }

    internal long FillCount { get; set; }

    internal long FillCountAtRepair { get; set; } = -1;

    internal bool DeadlinePassed { get; set; }

    /// <summary>True while this run holds its market's <c>arb_unhedged</c> alert up.</summary>
    internal bool Alerted { get; set; }

    internal bool CompleteSent { get; set; }

    /// <summary>When the first repair decision was made (UTC ticks; 0 until then): the completion patience counts from it.</summary>
    internal long FirstDecisionTicks { get; set; }

    /// <summary>True while a completion waits for a price that keeps its share of the expected edge (<see cref="CompletionPatience"/>).</summary>
    internal bool AwaitingPrice { get; set; }

    internal bool UnwindSent { get; set; }

    /// <summary>Repair rounds (completing or unwinding orders sent).</summary>
    public int Repairs { get; internal set; }

    /// <summary>How it ended (InFlight until then).</summary>
    public BasketOutcome Outcome { get; internal set; }

    /// <summary>Realised P&amp;L of the basket: $1 per complete set held (buy) or given up (sell) plus the net cash.</summary>
    public Money Pnl { get; internal set; }

    internal List<ScheduledTimer> Timers { get; } = [];

    /// <summary>Shares filled on leg <paramref name="leg"/>, net, in the basket's direction.</summary>
    public Quantity Filled(int leg) => new(FilledRaw[leg]);

    /// <summary>The smallest net fill across legs (the complete sets the basket holds).</summary>
    public Quantity CompleteSets
    {
        get
        {
            long min = long.MaxValue;
            foreach (long f in FilledRaw) min = Math.Min(min, f);
            return new Quantity(Math.Max(0, min));
        }
    }

    /// <summary>
    /// True when every leg holds the same net size (complete sets or flat), up to a surplus below the leg's size step:
    /// a BUY leg sized up for the fee Polymarket keeps in shares arrives a fraction of a step above the sets, a remainder
    /// no order can trade and no repair should chase.
    /// </summary>
    public bool IsHedged
    {
        get
        {
            long min = CompleteSets.Raw;
            for (int i = 0; i < FilledRaw.Length; i++)
                if (!IsFeeSurplus(i, FilledRaw[i] - min)) return false;
            return true;
        }
    }

    /// <summary>Legs holding more than the basket's complete sets (each is an unhedged position).</summary>
    public int UnhedgedLegs => CountExcessLegs(dust: false);

    /// <summary>
    /// Legs whose excess over the complete sets is below the venue's minimum order size: they can be neither sold nor
    /// matched without creating new dust, so they are reported apart (value at risk: excess × price, cents).
    /// </summary>
    public int DustLegs => CountExcessLegs(dust: true);

    private int CountExcessLegs(bool dust)
    {
        long min = CompleteSets.Raw;
        int n = 0;
        for (int i = 0; i < FilledRaw.Length; i++)
        {
            long excess = FilledRaw[i] - min;
            if (IsFeeSurplus(i, excess)) continue;
            bool isDust = excess < Basket.Leg(i).Instrument.MinSize.Raw;
            if (isDust == dust) n++;
        }

        return n;
    }

    /// <summary>An excess of nothing, or of less than one size step on a leg bought in the basket's direction (the fee round-up).</summary>
    private bool IsFeeSurplus(int leg, long excess) =>
        excess == 0 || (Side == Side.Buy && excess > 0 && excess < Basket.Leg(leg).Instrument.SizeStep.Raw && FilledRaw[leg] > 0);

    /// <summary>Σ signed cash of the legs.</summary>
    public Money NetCash
    {
        get
        {
            long c = 0;
            foreach (long x in CashRaw) c = checked(c + x);
            return new Money(c);
        }
    }
}
