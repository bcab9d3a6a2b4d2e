using System.Collections.Concurrent;

namespace HypermediaBpm.Engine.Scheduling;

/// <summary>
/// In-process wake-ups for lock requests that wait for a topic (long polling): a commit that creates jobs of a topic
/// wakes that topic's waiters at once, so they need not poll the store for jobs of their own process. A waiter takes
/// its wake-up task before it looks at the store, so a job created in between is not missed.
/// </summary>
public sealed class JobWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _topics = new(StringComparer.Ordinal);

    /// <summary>Completes when jobs of <paramref name="topic"/> may have become lockable.</summary>
    public Task WhenJobsAsync(string topic) =>
        _topics.GetOrAdd(topic, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Announce(string topic)
    {
        if (_topics.TryRemove(topic, out var waiters))
        {
            waiters.TrySetResult();
        }
    }

    /// <summary>Wakes every waiter (jobs whose topic the caller does not know became lockable).</summary>
    public void AnnounceAll()
    {
        foreach (var topic in _topics.Keys)
        {
            Announce(topic);
        }
    }
}
