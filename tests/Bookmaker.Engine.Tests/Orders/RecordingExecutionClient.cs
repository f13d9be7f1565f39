using Bookmaker.Core.Instruments;
using Bookmaker.Core.Orders;
using Bookmaker.Engine.Venues;

namespace Bookmaker.Engine.Tests.Orders;

/// <summary>Records what the order manager sends; answers nothing by itself (tests answer through the manager).</summary>
internal sealed class RecordingExecutionClient(int maxBatch = 15) : IExecutionClient
{
    public List<OrderRequest> Submitted { get; } = [];
    public List<int> BatchSizes { get; } = [];
    public List<ClientOrderId> Cancels { get; } = [];
    public int CancelAlls { get; private set; }
    public List<long> SnapshotRequests { get; } = [];

    public int MaxBatchSize => maxBatch;

    public void Submit(OrderRequest request) => Submitted.Add(request);

    public void SubmitBatch(IReadOnlyList<OrderRequest> requests)
    {
        BatchSizes.Add(requests.Count);
        Submitted.AddRange(requests);
    }

    public void Cancel(ClientOrderId id, InstrumentId instrument, string? venueOrderId) => Cancels.Add(id);

    public void CancelAll() => CancelAlls++;

    public void CancelMarket(string marketId)
    {
    }

    public void RequestAccountSnapshot(long requestId, DateTimeOffset fillsSince) => SnapshotRequests.Add(requestId);

    // Tests answer through the manager: the engine does not wait at start for a snapshot this client never sends.
    public bool AnswersAccountSnapshots => false;
}
