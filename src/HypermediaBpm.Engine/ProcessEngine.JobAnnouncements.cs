namespace HypermediaBpm.Engine;

public sealed partial class ProcessEngine
{
    /// <summary>
    /// Wakes this process's lock requests waiting for <paramref name="topic"/> (all of them when it is empty): jobs were
    /// made lockable by another process on the same database, which a store that hears of it (PostgreSQL's
    /// LISTEN/NOTIFY) passes on, so long-polling workers on every node are woken, not only those of the writing node.
    /// </summary>
    public void AnnounceJobs(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length == 0)
        {
            _jobWaiters.AnnounceAll();
        }
        else
        {
            _jobWaiters.Announce(topic);
        }
    }
}
