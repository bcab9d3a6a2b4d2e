namespace HypermediaBpm.Server.Batches;

/// <summary>Lets a request that created a batch start this node's runner at once instead of at its next poll.</summary>
public sealed class BatchWakeUp
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
    }

    /// <summary>Waits for a wake-up or <paramref name="poll"/>, whichever comes first (other nodes' batches are found by polling).</summary>
    public async Task WaitAsync(TimeSpan poll, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(poll, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _signal.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake-up.
        }
    }
}
