namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>
/// One unit of work for the writer: applied inside the batch transaction, completed only after COMMIT. A caller's
/// cancellation wins only while the operation still waits in the queue, so a cancelled call has written nothing;
/// once the writer took it, the caller gets the real outcome. An operation may be applied more than once (the batch
/// is retried after a deadlock), so applying must depend only on the database and the operation's input.
/// </summary>
internal abstract class WriteOperation
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>The command's activity that handed this operation over, linked from the batch span that writes it.</summary>
    public System.Diagnostics.ActivityContext Caller { get; set; }

    /// <summary>Claims the operation for the writer; false when its caller already cancelled.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    public abstract Task ApplyAsync(WriteSession session);

    public abstract void Complete();

    public abstract void Fail(Exception error);

    public abstract void Cancel(CancellationToken cancellationToken);

    protected bool TryMarkCancelled() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;
}
