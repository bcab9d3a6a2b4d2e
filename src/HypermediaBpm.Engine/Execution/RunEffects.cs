using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// Everything one run over one instance produces for the store and for other instances: tasks, history, subscriptions
/// opened and closed, jobs created, removed and handed back, signals and messages thrown, calls to start and called
/// instances to cancel, an error for the caller. The engine carries out what concerns other instances, then the
/// effects append themselves to the command's <see cref="ChangeSet"/>. The rarer lists are made on first use, so a run
/// that touches none of them allocates nothing for them.
/// </summary>
public sealed class RunEffects
{
    private List<SubscriptionRecord>? _opened;
    private List<string>? _closedTokens;
    private List<(string? TokenId, string ActivityId)>? _closedCatchers;
    private List<JobRecord>? _jobs;
    private List<(string JobId, bool Required)>? _removedJobs;
    private List<(string JobId, int Retries)>? _resetJobs;
    private List<ThrownEvent>? _thrown;
    private List<string>? _cancelledTaskIds;
    private Queue<CallRequest>? _calls;
    private Queue<string>? _calledToCancel;

    /// <summary>Tasks created or changed by this run.</summary>
    public List<TaskRecord> Tasks { get; } = new();

    /// <summary>Ids of stored tasks whose tokens were withdrawn; the engine marks them cancelled.</summary>
    public IReadOnlyList<string> CancelledTaskIds => (IReadOnlyList<string>?)_cancelledTaskIds ?? [];

    public List<HistoryEvent> History { get; } = new();

    /// <summary>An error nobody in this called instance caught: it goes on to the call activity that called it.</summary>
    public ThrownError? ErrorToCaller { get; set; }

    /// <summary>Subscriptions opened by this run and still open at its end.</summary>
    public IReadOnlyList<SubscriptionRecord> OpenedSubscriptions => (IReadOnlyList<SubscriptionRecord>?)_opened ?? [];

    /// <summary>Signals and messages thrown by this run, in order; delivered after it commits.</summary>
    public IReadOnlyList<ThrownEvent> Thrown => (IReadOnlyList<ThrownEvent>?)_thrown ?? [];

    public void Open(SubscriptionRecord subscription) => (_opened ??= new()).Add(subscription);

    public void CancelTask(string taskId) => (_cancelledTaskIds ??= new()).Add(taskId);

    public void Call(CallRequest request) => (_calls ??= new()).Enqueue(request);

    /// <summary>The next call to start, in the order the call activities were reached.</summary>
    public bool TryTakeCall(out CallRequest request) => (_calls ??= new()).TryDequeue(out request!);

    public void CancelCalled(string instanceId) => (_calledToCancel ??= new()).Enqueue(instanceId);

    /// <summary>The next called instance to cancel with its withdrawn call activity.</summary>
    public bool TryTakeCalledToCancel(out string instanceId) => (_calledToCancel ??= new()).TryDequeue(out instanceId!);

    /// <summary>Closes every subscription of the token: the ones opened in this run and the stored ones.</summary>
    public void CloseSubscriptions(string tokenId)
    {
        _opened?.RemoveAll(s => s.TokenId == tokenId);
        (_closedTokens ??= new()).Add(tokenId);
    }

    /// <summary>A catcher stops listening: dropped if this run opened it, else closed in the store.</summary>
    public void CloseCatcher(string? hostId, string catcherId)
    {
        if (_opened?.RemoveAll(s => s.TokenId == hostId && s.ActivityId == catcherId) is > 0)
        {
            return;
        }

        (_closedCatchers ??= new()).Add((hostId, catcherId));
    }

    public void AddJob(JobRecord job) => (_jobs ??= new()).Add(job);

    /// <summary>A job goes: dropped if this run created it, else removed from the store (<paramref name="completed"/>: it was done).</summary>
    public void RemoveJob(string jobId, bool completed)
    {
        if (_jobs?.RemoveAll(j => j.Id == jobId) is not > 0)
        {
            (_removedJobs ??= new()).Add((jobId, completed));
        }
    }

    public void ResetJob(string jobId, int retries) => (_resetJobs ??= new()).Add((jobId, retries));

    public void Throw(ThrownEvent thrown) => (_thrown ??= new()).Add(thrown);

    /// <summary>Appends this run's writes for <paramref name="instance"/> to the command's change set.</summary>
    public void AppendTo(ChangeSet changes, ProcessInstance instance)
    {
        changes.Tasks.AddRange(Tasks);
        changes.History.AddRange(History);
        if (_closedTokens is not null)
        {
            foreach (var tokenId in _closedTokens)
            {
                changes.ClosedSubscriptions.Add((instance.Id, tokenId));
            }
        }

        if (_closedCatchers is not null)
        {
            foreach (var (tokenId, activityId) in _closedCatchers)
            {
                changes.ClosedCatchers.Add((instance.Id, tokenId, activityId));
            }
        }

        if (instance.IsEnded)
        {
            changes.EndedInstances.Add(instance.Id);
        }
        else if (_opened is not null)
        {
            changes.Subscriptions.AddRange(_opened);
        }

        if (_jobs is not null)
        {
            changes.Jobs.AddRange(_jobs);
        }

        if (_removedJobs is not null)
        {
            changes.RemovedJobs.AddRange(_removedJobs);
        }

        if (_resetJobs is not null)
        {
            changes.ResetJobs.AddRange(_resetJobs);
        }
    }
}
