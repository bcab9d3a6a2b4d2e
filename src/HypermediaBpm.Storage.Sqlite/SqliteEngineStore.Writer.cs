using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Storage.Sqlite.Writing;

namespace HypermediaBpm.Storage.Sqlite;

public sealed partial class SqliteEngineStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Queued for the group-commit writer; the task completes after the batch holding this change set has
    /// committed (and, with <see cref="SqliteSynchronous.Full"/>, reached the disk). A cancellation observed
    /// while the change set still waits in the queue means nothing of it was written. An instance's process
    /// key is immutable: updates keep the stored one.
    /// </remarks>
    public Task CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty)
        {
            return Task.CompletedTask;
        }

        return Writer.SubmitAsync(new CommitChangeSetOperation(changes), cancellationToken);
    }
}
