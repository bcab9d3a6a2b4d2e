namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// A batch operation (Camunda 7's batch): one operation applied to the instances a filter selected when the batch was
/// created. The selection is frozen as a numbered list of instance ids (see <see cref="IBatchStore"/>); the batch is
/// worked through in chunks from <see cref="Position"/>, and every chunk's outcome is stored before the next begins.
/// </summary>
/// <param name="Operation">What is done to each instance (<c>cancel</c>, <c>suspend</c>, <c>resume</c>, <c>retry-incidents</c>).</param>
/// <param name="Filter">The filter that selected the instances, as given.</param>
/// <param name="CreatedBy">Who created the batch: every instance command runs as this user.</param>
/// <param name="Total">How many instances the filter selected.</param>
/// <param name="Position">How many of them are processed (done or failed): the next chunk starts here.</param>
/// <param name="Failures">The first failures (bounded by the store), in order.</param>
public sealed record BatchRecord(
    string Id,
    string Operation,
    BatchFilter Filter,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string State,
    int Total,
    int Position,
    int Done,
    int Failed,
    IReadOnlyList<BatchFailure> Failures)
{
    /// <summary>The node working on the batch, while its lease lasts.</summary>
    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }
}

/// <summary>The instance filter of a batch: the same fields the instance list accepts (null = any).</summary>
public sealed record BatchFilter(string? ProcessKey = null, string? State = null, string? BusinessKey = null);

/// <summary>One instance the operation failed on, with the problem's code and detail.</summary>
public sealed record BatchFailure(string InstanceId, string Code, string Detail);

/// <summary>A batch to create: the store selects its instances (at most <paramref name="MaxInstances"/>) in the same transaction.</summary>
public sealed record NewBatch(string Id, string Operation, BatchFilter Filter, string CreatedBy, DateTimeOffset CreatedAt, int MaxInstances);

/// <summary>
/// One processed chunk: instances <paramref name="From"/> (inclusive) to <paramref name="To"/> (exclusive) of the
/// batch's list, recorded only while <paramref name="Owner"/> holds the batch and its position is still
/// <paramref name="From"/>; the lease is moved to <paramref name="LeaseUntil"/>.
/// </summary>
public sealed record BatchChunk(
    string BatchId, string Owner, int From, int To, int Done, int Failed, IReadOnlyList<BatchFailure> Failures, DateTimeOffset At, DateTimeOffset LeaseUntil);

/// <summary>The states of a batch. Only <see cref="Running"/> changes, to either of the others.</summary>
public static class BatchStates
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}

/// <summary>Batch events in the store's event log (<c>history</c>, under the batch's id): the batch's Atom feed.</summary>
public static class BatchHistoryTypes
{
    public const string Created = "batch-created";
    public const string ChunkProcessed = "batch-chunk-processed";
    public const string Completed = "batch-completed";
    public const string Cancelled = "batch-cancelled";

    /// <summary>How many failures a batch keeps (the counts stay exact beyond that).</summary>
    public const int MaxFailuresKept = 100;

    public static bool IsBatchEvent(string type) => type.StartsWith("batch-", StringComparison.Ordinal);
}
