using System.Text.Json;
using Bookmaker.Core.Values;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Venues.Polymarket.Wire;

/// <summary>
/// The <c>price_change</c> message (2025-09 schema): each entry of <c>price_changes[]</c> is one level's new absolute
/// size on one asset (YES and NO of a market), staged in a reused buffer while the message is read and delivered as
/// <see cref="MarketDataKind.LevelUpdate"/>s once the message is known to be sound. A bad entry is dropped alone and
/// reported for its instrument — the entries are independent absolute sizes — while a fault at message level drops
/// them all.
/// </summary>
internal sealed class PriceChangeMessage(AssetIndexMap assets, MarketChannelCounters counters)
{
    private PendingLevel[] _pending = new PendingLevel[16];
    private int _count;

    private struct PendingLevel
    {
        public int Instrument;
        public Side Side;
        public Price Price;
        public Quantity Size;
    }

    /// <summary>Forgets staged entries (a new message, or one that failed).</summary>
    public void Clear() => _count = 0;

    /// <summary>Reads the <c>price_changes</c> array, staging good entries and reporting bad ones.</summary>
    public void ReadEntries<TSink>(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, TSink sink, ref MarketMessageFields m)
        where TSink : IMarketChannelSink
    {
        if (!MarketFields.EnterArray(ref reader, ref m)) return;
        while (MarketFields.NextObject(ref reader, ref m))
        {
            int asset = MarketMessageFields.AssetNotSeen;
            Price price = default;
            Quantity size = default;
            Side side = Side.Buy;
            bool hasPrice = false, hasSize = false, hasSide = false;
            bool bad = false;
            MalformedReason why = MalformedReason.MissingField;
            while (MarketFields.Next(ref reader, out MarketField field))
            {
                switch (field)
                {
                    case MarketField.AssetId:
                        asset = assets.TryGetIndex(ref reader, out int index) ? index : MarketMessageFields.AssetUnknown;
                        break;
                    case MarketField.Price:
                        hasPrice = WireScalars.TryReadPrice(ref reader, out price);
                        if (!hasPrice && !bad) (bad, why) = (true, MalformedReason.BadNumber);
                        break;
                    case MarketField.Size:
                        hasSize = WireScalars.TryReadQuantity(ref reader, out size);
                        if (!hasSize && !bad) (bad, why) = (true, MalformedReason.BadNumber);
                        break;
                    case MarketField.Side:
                        hasSide = WireScalars.TryReadSide(ref reader, out side);
                        if (!hasSide && !bad) (bad, why) = (true, MalformedReason.BadSide);
                        break;
                    default:
                        // hash, best_bid, best_ask: the book is rebuilt from levels, not from the venue's summary.
                        reader.Skip();
                        break;
                }
            }

            if (asset == MarketMessageFields.AssetUnknown)
            {
                MalformedReports.Report(counters, MalformedReason.UnknownAsset, MarketMessageFields.AssetUnknown, frame, sink);
                continue;
            }

            bool complete = asset != MarketMessageFields.AssetNotSeen && hasPrice && hasSize && hasSide;
            // Size "0" removes a level; a negative size or a price at or beyond 0 and 1 is nothing the venue sends.
            if (!bad && complete && (!WireRanges.IsOutcomePrice(price) || size.Raw < 0)) (bad, why) = (true, MalformedReason.OutOfRange);
            if (bad || !complete)
            {
                MalformedReports.Report(counters, why, asset >= 0 ? asset : MarketMessageFields.AssetUnknown, frame, sink);
                continue;
            }

            if (_count == _pending.Length) Array.Resize(ref _pending, _pending.Length * 2);
            _pending[_count++] = new PendingLevel { Instrument = asset, Side = side, Price = price, Size = size };
        }
    }

    /// <summary>Delivers the staged entries as level updates and forgets them.</summary>
    public void Emit<TSink>(long venueTicks, long receiveTicks, TSink sink)
        where TSink : IMarketChannelSink
    {
        int count = _count;
        _count = 0;
        counters.PriceChangeEntries += count;
        for (int i = 0; i < count; i++)
        {
            ref PendingLevel p = ref _pending[i];
            // The engine evaluates each instrument's book once per message: a price_change touches both tokens of a
            // market (a YES bid is a NO ask), so every instrument's last entry in the message ends its message.
            bool last = true;
            for (int j = i + 1; j < count; j++)
            {
                if (_pending[j].Instrument == p.Instrument)
                {
                    last = false;
                    break;
                }
            }

            sink.OnMarketData(new MarketDataEvent(
                MarketDataKind.LevelUpdate, p.Instrument, p.Side, p.Price, p.Size, 0, 0, venueTicks, receiveTicks,
                EndOfMessage: last));
        }
    }
}
