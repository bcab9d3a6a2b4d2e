namespace HypermediaBpm.Storage.Sqlite.Writing;

/// <summary>A <see cref="WriteOperation"/> whose caller awaits a result.</summary>
internal abstract class WriteOperation<T> : WriteOperation
{
    // Continuations run on the thread pool so the writer never runs callers' code between batches.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public sealed override void Apply(WriterSession session) => _result = Execute(session);

    public sealed override void Complete() => _completion.TrySetResult(_result!);

    public sealed override void Fail(Exception error) => _completion.TrySetException(error);

    public sealed override void Cancel(CancellationToken cancellationToken)
    {
        if (TryMarkCancelled())
        {
            _completion.TrySetCanceled(cancellationToken);
        }
    }

    protected abstract T Execute(WriterSession session);
}
