using Bookmaker.Core.Books;
using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Kernel;
using Bookmaker.Engine.Risk;
using Bookmaker.Engine.Strategies;

namespace Bookmaker.Cli.Live;

/// <summary>
/// The optional self-test order of a live session (<c>Live:SelfTestOrder</c>, issue 18): once the venue is live, one
/// post-only BUY of the instrument's minimum size at its minimum price — or, when the risk gate's fat-finger band
/// (<paramref name="fatFingerBand"/> around the mid) would refuse that, at the lowest price a tick inside the band and
/// below the best bid, so still far from the touch — goes through the order
/// manager and its risk gate like every order; when the venue acknowledges it, it is cancelled, and when the cancel is
/// confirmed the test has passed and <paramref name="passed"/> runs (on the loop: it starts the real strategies). Each
/// step has <paramref name="timeout"/>; a failure cancels the order and hands one line naming the step to
/// <paramref name="failed"/>. The engine's shutdown cancels everything else.
/// </summary>
internal sealed class SelfTestOrder(Instrument instrument, Price fatFingerBand, TimeSpan timeout, Action passed, Action<string> failed) : IStrategy
{
    private const int StepTimeout = 1;
    private const int PassedPurpose = 2;

    private IStrategyContext _ctx = null!;
    private Step _step = Step.WaitingForVenue;
    private long _generation;
    private ClientOrderId _id;
    private string? _lastDenial;

    private enum Step
    {
        WaitingForVenue,
        AwaitingAck,
        AwaitingCancel,
        Passed,
        Failed,
    }

    /// <summary>The name of the self-test in the journal.</summary>
    public string Name => "selftest";

    /// <summary>Arms the first step's timeout (the venue must come up and show a book).</summary>
    public void Start(IStrategyContext context)
    {
        _ctx = context;
        Arm();
    }

    /// <summary>Places the order at the first book of the instrument while the venue is live and trading is active.</summary>
    public void OnBook(Instrument instrument1, IOrderBookView book)
    {
        if (_step != Step.WaitingForVenue || instrument1.Index != instrument.Index) return;
        if (!_ctx.IsVenueLive(instrument) || _ctx.TradingState != TradingState.Active) return;
        if (PriceFor(book) is not { } price) return;
        var outcome = _ctx.Submit(new OrderRequest(default, instrument.Id, Side.Buy, OrderType.Limit, TimeInForce.Gtc,
            price, instrument.MinSize, PostOnly: true, Tag: Name));
        if (!outcome.Sent)
        {
            _lastDenial = outcome.Decision.Code; // the gate may refuse until the first reconciliation: retried at the next book
            return;
        }

        _id = outcome.Id;
        _step = Step.AwaitingAck;
        Arm();
    }

    /// <summary>Not used.</summary>
    public void OnTrade(Instrument instrument1, Side aggressor, Price price, Quantity size, long timeTicks)
    {
    }

    /// <summary>Follows the self-test order: acknowledged → cancel; cancelled → passed; anything else → failed.</summary>
    public void OnOrderChanged(IOrderView order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Id != _id || _step is Step.Passed or Step.Failed or Step.WaitingForVenue) return;
        switch (order.Status)
        {
            case OrderStatus.Open when _step == Step.AwaitingAck:
                _step = Step.AwaitingCancel;
                Arm();
                if (!_ctx.Cancel(_id)) Fail("cancelling (the order manager refused the cancel)");
                break;
            case OrderStatus.Cancelled when _step == Step.AwaitingCancel:
                _step = Step.Passed;
                _generation++;
                // Not from inside this callback: the strategies start from a timer of their own, on the loop.
                _ctx.ScheduleTimer(TimeSpan.FromMilliseconds(1), TimeSpan.Zero, PassedPurpose);
                break;
            case OrderStatus.Rejected:
                Fail($"placing (the venue rejected it: {order.RejectReason})");
                break;
            case OrderStatus.Cancelled or OrderStatus.Expired:
                Fail("placing (the order was cancelled before the venue acknowledged it)");
                break;
            case OrderStatus.PartiallyFilled or OrderStatus.Filled:
                Fail("placing (the order was filled; it should have rested far from the touch)");
                break;
        }
    }

    /// <summary>Not used.</summary>
    public void OnFill(IOrderView? order, Fill fill)
    {
    }

    /// <summary>A step's timeout, or the signal to start the strategies.</summary>
    public void OnTimer(in TimerEvent timer)
    {
        if (timer.Purpose == PassedPurpose && _step == Step.Passed)
        {
            passed();
            return;
        }

        if (timer.Purpose != StepTimeout || timer.Payload != _generation) return;
        string seconds = ((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + " s";
        switch (_step)
        {
            case Step.WaitingForVenue:
                Fail(_lastDenial is null
                    ? $"placing (no live book of {instrument.Id.Symbol} within {seconds})"
                    : $"placing (the risk gate refused it: {_lastDenial})");
                break;
            case Step.AwaitingAck:
                Fail($"waiting for the venue's acknowledgement (none within {seconds})");
                break;
            case Step.AwaitingCancel:
                Fail($"waiting for the cancel to be confirmed (none within {seconds})");
                break;
        }
    }

    /// <summary>A halt or breach while the test runs fails it at the next step's timeout; nothing to do here.</summary>
    public void OnTradingState(TradingState state)
    {
    }

    /// <summary>Shutdown cancels everything through the engine; nothing of its own to release.</summary>
    public void Shutdown()
    {
    }

    /// <summary>The price of the order, or null until the book has both sides (the gate has no mark before).</summary>
    private Price? PriceFor(IOrderBookView book)
    {
        if (!book.HasBids || !book.HasAsks) return null;
        Price tick = instrument.TickSize;
        var mid = new Price((book.BestBid.Price.Raw + book.BestAsk.Price.Raw) / 2);
        Price inBand = new Price(Math.Max(0, mid.Raw - fatFingerBand.Raw)).CeilTo(tick) + tick;
        Price belowTouch = new Price(Math.Max(0, book.BestBid.Price.Raw - tick.Raw));
        return Price.Max(instrument.MinPrice, Price.Min(inBand, belowTouch));
    }

    private void Arm()
    {
        _generation++;
        _ctx.ScheduleTimer(timeout, TimeSpan.Zero, StepTimeout, _generation);
    }

    private void Fail(string step)
    {
        if (_step is Step.Failed or Step.Passed) return;
        _step = Step.Failed;
        _generation++;
        if (_id != default) _ctx.Cancel(_id);
        failed($"live: self-test order failed at {step}; cancelling everything, not trading");
    }
}
