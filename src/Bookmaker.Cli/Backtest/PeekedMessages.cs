using System.Collections;
using Bookmaker.Venues.Simulated.ReplayVenue;

namespace Bookmaker.Cli.Backtest;

/// <summary>
/// A message stream whose first message can be looked at before the replay starts (the clock starts there) without
/// reading the files twice: enumerating yields that first message, then the rest. Enumerable once.
/// </summary>
internal sealed class PeekedMessages(IEnumerable<ReplayMessage> source) : IEnumerable<ReplayMessage>, IDisposable
{
    private readonly IEnumerator<ReplayMessage> _source = source.GetEnumerator();
    private bool _peeked;
    private bool _hasFirst;

    public bool TryPeek(out ReplayMessage first)
    {
        if (!_peeked)
        {
            _peeked = true;
            _hasFirst = _source.MoveNext();
        }

        first = _hasFirst ? _source.Current : default;
        return _hasFirst;
    }

    public IEnumerator<ReplayMessage> GetEnumerator()
    {
        if (TryPeek(out var first)) yield return first;
        else yield break;
        while (_source.MoveNext()) yield return _source.Current;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose() => _source.Dispose();
}
