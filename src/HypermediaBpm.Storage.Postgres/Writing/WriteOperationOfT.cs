namespace HypermediaBpm.Storage.Postgres.Writing;

/// <summary>A <see cref="WriteOperation"/> whose caller awaits a result.</summary>
internal abstract class WriteOperation<T> : WriteOperation
{
    // Continuations run on the thread pool so the writer never runs callers' code between batches.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public sealed override async Task ApplyAsync(WriteSession session) => _result = await ExecuteAsync(session).ConfigureAwait(false);

    public sealed override void Complete() => _completion.TrySetResult(_result!);

    public sealed override void Fail(Exception error) => _completion.TrySetException(error);

    public sealed override void Cancel(CancellationToken cancellationToken)
    {
        if (TryMarkCancelled())
        {
            _completion.TrySetCanceled(cancellationToken);
        }
    }

    protected abstract Task<T> ExecuteAsync(WriteSession session);
}
