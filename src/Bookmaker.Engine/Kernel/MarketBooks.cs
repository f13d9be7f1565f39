using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Kernel;

/// <summary>
/// The engine's local order books, one per registered instrument, and the continuity of the venue messages that build
/// them: each message is judged once (sequence gap or not) on its first event and the verdict is shared by the rest of
/// it. One job — keep the books as the venue published them; the kernel decides who hears of a change.
/// </summary>
/// <remarks>Hot path: runs on the loop for every market-data event and allocates nothing.</remarks>
internal sealed class MarketBooks
{
    private readonly InstrumentRegistry _instruments;
    private readonly OrderBook[] _books;
    private readonly bool[] _inMessage;
    private readonly SequenceCheck[] _messageCheck;

    /// <summary>Creates a book for every instrument registered now.</summary>
    public MarketBooks(InstrumentRegistry instruments)
    {
        _instruments = instruments ?? throw new ArgumentNullException(nameof(instruments));
        int n = instruments.Count;
        _books = new OrderBook[n];
        _inMessage = new bool[n];
        _messageCheck = new SequenceCheck[n];
        for (int i = 0; i < n; i++)
        {
            var inst = instruments[i];
            // Prediction-market prices live in [0, 1]: a tick-indexed ladder gives O(1) updates; crypto is unbounded.
            _books[i] = inst.IsOutcomeToken ? TickLadderBook.ForProbability(inst.TickSize) : new SortedBook();
        }
    }

    /// <summary>Number of books (instruments at construction).</summary>
    public int Count => _books.Length;

    /// <summary>Market-data events that could not be applied (malformed level, book not live): counted, never thrown.</summary>
    public long Dropped { get; private set; }

    /// <summary>Sequence gaps detected (each invalidates the book until a snapshot).</summary>
    public long SequenceGaps { get; private set; }

    /// <summary>The book at a dense instrument index.</summary>
    public OrderBook this[int index] => _books[index];

    /// <summary>
    /// Admits an event for <paramref name="index"/>: true when it names a book; an event for any other index is counted
    /// as dropped (never thrown: a venue's bad index must not stop the loop).
    /// </summary>
    public bool Admit(int index)
    {
        if ((uint)index < (uint)_books.Length) return true;
        Dropped++;
        return false;
    }

    /// <summary>Replaces the book with the event's snapshot (a missing or refused snapshot is counted as dropped).</summary>
    public void ApplySnapshot(in MarketDataEvent e)
    {
        if (e.Snapshot is null || !_books[e.InstrumentIndex].ApplySnapshot(e.Snapshot, e.ReceiveTimeTicks)) Dropped++;
    }

    /// <summary>Sets one level, if the message it belongs to continues the book's sequence.</summary>
    public void ApplyLevel(in MarketDataEvent e)
    {
        var book = _books[e.InstrumentIndex];
        if (JudgeMessage(e) != SequenceCheck.Accepted || !book.SetLevel(e.Side, e.Price, e.Size, e.ReceiveTimeTicks)) Dropped++;
    }

    /// <summary>
    /// A message of trade prints only (an order added and taken within one venue instant leaves the published levels as
    /// they were) still takes a sequence number: it is judged like any other message, or the next one would look like a
    /// gap and leave the book stale for good.
    /// </summary>
    public void AcceptTradeMessage(in MarketDataEvent e) => JudgeMessage(e);

    /// <summary>The venue changed the instrument's tick: the instrument and its ladder take it. True when it changed.</summary>
    public bool ChangeTick(Instrument instrument, Core.Values.Price tick)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.TickSize == tick) return false;
        instrument.ChangeTick(tick);
        if (_books[instrument.Index] is TickLadderBook ladder) ladder.ChangeTick(tick);
        return true;
    }

    /// <summary>The book is not to be trusted until its next snapshot.</summary>
    public void Invalidate(int index) => _books[index].Invalidate();

    /// <summary>Every book of <paramref name="venue"/> is stale until a fresh snapshot after the reconnect.</summary>
    public void InvalidateVenue(string venue)
    {
        for (int i = 0; i < _books.Length; i++)
            if (string.Equals(_instruments[i].Id.Venue, venue, StringComparison.Ordinal)) _books[i].Invalidate();
    }

    /// <summary>The venue message of the event has ended: the next event starts a new one.</summary>
    public void EndMessage(int index) => _inMessage[index] = false;

    /// <summary>
    /// The continuity verdict of the venue message <paramref name="e"/> belongs to: judged on its first event (trade
    /// print or level), shared by the message's other events.
    /// </summary>
    private SequenceCheck JudgeMessage(in MarketDataEvent e)
    {
        int i = e.InstrumentIndex;
        if (!_inMessage[i])
        {
            _inMessage[i] = true;
            var check = _books[i].AcceptSequence(e.Sequence, e.PreviousSequence);
            if (check == SequenceCheck.Gap) SequenceGaps++;
            _messageCheck[i] = check;
        }

        return _messageCheck[i];
    }
}
