namespace Bookmaker.Core.Instruments;

/// <summary>
/// All instruments the engine knows, each with a dense <see cref="Instrument.Index"/> so per-instrument state can live in
/// arrays. Registration order decides the index, which keeps runs with the same inputs identical.
/// </summary>
public sealed class InstrumentRegistry
{
    private readonly List<Instrument> _byIndex = [];
    private readonly Dictionary<InstrumentId, Instrument> _byId = [];

    /// <summary>Number of instruments.</summary>
    public int Count => _byIndex.Count;

    /// <summary>Instruments in index order.</summary>
    public IReadOnlyList<Instrument> All => _byIndex;

    /// <summary>Adds an instrument and assigns its index; adding the same id twice is an error.</summary>
    public Instrument Add(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!_byId.TryAdd(instrument.Id, instrument))
            throw new InvalidOperationException($"instrument {instrument.Id} is already registered");
        instrument.Index = _byIndex.Count;
        _byIndex.Add(instrument);
        return instrument;
    }

    /// <summary>The instrument at a dense index.</summary>
    public Instrument this[int index] => _byIndex[index];

    /// <summary>Looks an instrument up by id.</summary>
    public bool TryGet(InstrumentId id, out Instrument instrument) => _byId.TryGetValue(id, out instrument!);

    /// <summary>Looks an instrument up by id; throws when unknown.</summary>
    public Instrument Get(InstrumentId id) =>
        _byId.TryGetValue(id, out var i) ? i : throw new KeyNotFoundException($"unknown instrument {id}");
}
