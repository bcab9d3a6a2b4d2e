using System.Diagnostics;

namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>
/// One unit of work for the writer: applied inside the batch transaction, completed only after COMMIT.
/// A caller's cancellation wins only while the operation still waits in the queue, so a cancelled call
/// has written nothing; once the writer took it, the caller gets the real outcome.
/// </summary>
internal abstract class WriteOperation
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>The activity of the command that handed this operation over: the batch that writes it links to it.</summary>
    public ActivityContext Caller { get; set; }

    /// <summary>Claims the operation for the writer; false when its caller already cancelled.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public abstract void Apply(WriterSession session);

    public abstract void Complete();

    public abstract void Fail(Exception error);

    public abstract void Cancel(CancellationToken cancellationToken);

    protected bool TryMarkCancelled() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;
}
