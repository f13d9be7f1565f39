using Bookmaker.Engine.Journal;

namespace Bookmaker.Storage.Journal;

/// <summary>A journal entry as stored, with the sequence number it was given at append.</summary>
/// <param name="Sequence">1, 2, 3… in append order, continuing across restarts.</param>
/// <param name="Entry">The entry.</param>
public readonly record struct JournalRecord(long Sequence, JournalEntry Entry);

/// <summary>One run of the engine against a journal.</summary>
/// <param name="Epoch">Session epoch (1, 2, 3…), the high part of every <c>ClientOrderId</c> issued in the run.</param>
/// <param name="StartedTicks">Engine clock time at start, UTC ticks.</param>
/// <param name="ConfigHash">Hash of the effective configuration.</param>
/// <param name="Seed">Seed of the run's random number generators.</param>
/// <param name="Venue">Venue (or venues) the run traded.</param>
/// <param name="StartSequence">Sequence of the run's <see cref="JournalKind.SessionStarted"/> entry.</param>
public sealed record JournalSession(uint Epoch, long StartedTicks, string ConfigHash, long Seed, string Venue, long StartSequence);
