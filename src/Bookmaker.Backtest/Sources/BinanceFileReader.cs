using Bookmaker.Backtest.Inputs;
using Bookmaker.Venues.Simulated.Replay;
using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Backtest.Sources;

/// <summary>
/// Reads one hftbacktest-style Binance file for a backtest: the records of <see cref="BinanceRecordingReader"/> with
/// every input problem counted in <see cref="DataProblems"/> and repaired so the replay goes on — a malformed line is
/// skipped, a line stamped before its predecessor is replayed at the predecessor's time, a diff that does not link to
/// the previous one (lost diffs) is re-linked (its levels are absolute sizes, so the book is right again at every level
/// it touches; a level only the lost diffs touched stays as it was, which is said in the problem), a gzip stream cut
/// short ends the file. Then <see cref="ReplaySources.Binance"/> normalizes the records as for any replay.
/// </summary>
public static class BinanceFileReader
{
    /// <summary>What the first lines say: the symbol and the mid of the first depth snapshot (0 when none).</summary>
    public static (string? Symbol, decimal ReferenceMid, bool Futures) Scan(string path)
    {
        string? symbol = null;
        decimal mid = 0;
        bool futures = false;
        int seen = 0;
        try
        {
            foreach (var record in BinanceRecordingReader.ReadStream(() => FormatSniffer.OpenText(path)))
            {
                switch (record)
                {
                    case BinanceDepthSnapshotRecord s when mid == 0 && s.Bids.Length > 0 && s.Asks.Length > 0:
                        mid = (s.Bids[0].Price.ToDecimal() + s.Asks[0].Price.ToDecimal()) / 2;
                        break;
                    case BinanceDepthUpdateRecord d:
                        symbol ??= d.Symbol;
                        futures |= d.PreviousFinalUpdateId != 0;
                        break;
                    case BinanceTradeRecord t:
                        symbol ??= t.Symbol;
                        break;
                }

                if ((symbol is not null && mid != 0 && futures) || ++seen > 20_000) break;
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            // A truncated file is reported when it is replayed.
        }

        return (symbol is { Length: > 0 } ? symbol : null, mid, futures);
    }

    /// <summary>
    /// The file's replay messages at instrument position <paramref name="slot"/>, problems counted in
    /// <paramref name="problems"/>, bytes read in <paramref name="progress"/> when given.
    /// </summary>
    public static IEnumerable<ReplayMessage> Messages(string path, int slot, DataProblems problems, ReadProgress? progress = null) =>
        ReplaySources.Binance(Clean(path, problems, progress), slot);

    /// <summary>The file's records with the repairs above applied (each counted).</summary>
    public static IEnumerable<BinanceRecord> Clean(string path, DataProblems problems, ReadProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        using var records = BinanceRecordingReader.ReadStream(() => FormatSniffer.OpenText(path, progress)).GetEnumerator();
        string name = Path.GetFileName(path);
        long line = 0;
        long lastNs = long.MinValue;
        long snapshotId = -1;
        long lastU = 0;
        long earlyU = 0;
        while (true)
        {
            BinanceRecord record;
            try
            {
                if (!records.MoveNext()) yield break;
                record = records.Current;
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
            {
                problems.Add(DataProblems.TruncatedGzip, name, line + 1, "the compressed stream ends early (" + e.Message + "); the file ends here");
                yield break;
            }

            line++;
            if (record is BinanceMalformedRecord bad)
            {
                problems.Add(DataProblems.MalformedLine, name, line, bad.Reason + "; line skipped");
                continue;
            }

            if (record.ReceiveTimeNs < lastNs)
            {
                problems.Add(DataProblems.OutOfOrder, name, line, $"receive time {record.ReceiveTimeNs} ns is before the previous line's {lastNs} ns; replayed at the previous time");
                record = record with { ReceiveTimeNs = lastNs };
            }

            lastNs = record.ReceiveTimeNs;
            switch (record)
            {
                case BinanceDepthSnapshotRecord s:
                    snapshotId = s.LastUpdateId;
                    lastU = earlyU >= snapshotId ? earlyU : 0;
                    earlyU = 0;
                    break;
                case BinanceDepthUpdateRecord d when snapshotId < 0:
                    earlyU = d.FinalUpdateId;
                    break;
                case BinanceDepthUpdateRecord d when d.FinalUpdateId >= snapshotId:
                    long previous = d.PreviousFinalUpdateId != 0 ? d.PreviousFinalUpdateId : d.FirstUpdateId - 1;
                    if (lastU != 0 && previous != lastU)
                    {
                        problems.Add(DataProblems.SequenceGap, name, line,
                            $"diff links to {previous} but the previous diff ended at {lastU}; re-linked (levels only the lost diffs changed may be stale until touched again)");
                        record = d.PreviousFinalUpdateId != 0 ? d with { PreviousFinalUpdateId = lastU } : d with { FirstUpdateId = lastU + 1 };
                    }

                    lastU = d.FinalUpdateId;
                    break;
            }

            yield return record;
        }
    }

}
