using Bookmaker.Engine.Venues;

namespace Bookmaker.Testing;

/// <summary>
/// An execution client a test scripts: it answers through the engine's sink, which exists only once the engine does, so
/// the <see cref="ScriptedVenue"/> hands it over when the engine starts the venue.
/// </summary>
public interface IVenueScript : IExecutionClient
{
    /// <summary>Called by <see cref="ScriptedVenue.StartAsync"/> with the engine's sink.</summary>
    void Attach(IVenueEventSink sink);

    /// <summary>
    /// A scripted client answers no account snapshot on its own (the test delivers them), so by default the engine does
    /// not wait for one at start; a client that does answer says so.
    /// </summary>
    bool IExecutionClient.AnswersAccountSnapshots => false;
}
