using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Telemetry;

/// <summary>
/// The engine's business metrics, all read from what a command committed (its <see cref="ChangeSet"/>) and from the
/// states the command found, in one place rather than counters sprinkled over the behaviours.
/// </summary>
internal sealed class CommitMetrics
{
    /// <summary>The most lock times kept for <see cref="_jobLockToComplete"/>: a worker that never reports must not grow memory.</summary>
    private const int MaxTrackedLocks = 10_000;

    private const string ProcessTag = "bpm.process.key";

    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _terminated;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _incidents;
    private readonly Histogram<double> _taskWait;
    private readonly Histogram<double> _taskWork;
    private readonly Histogram<double> _jobLockToComplete;
    private readonly Histogram<double> _timerLag;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, string ProcessKey)> _lockedAt = new(StringComparer.Ordinal);

    public CommitMetrics(Meter meter)
    {
        _started = meter.CreateCounter<long>("bpm.instances.started", "{instance}", "Process instances started, per process.");
        _completed = meter.CreateCounter<long>("bpm.instances.completed", "{instance}", "Process instances that reached their end, per process.");
        _terminated = meter.CreateCounter<long>("bpm.instances.terminated", "{instance}", "Process instances cancelled or terminated, per process.");
        _failed = meter.CreateCounter<long>("bpm.instances.failed", "{instance}", "Process instances that went from running to failed (their first open incident), per process.");
        _incidents = meter.CreateCounter<long>("bpm.incidents.created", "{incident}", "Incidents opened, per process.");
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1, 5, 15, 60, 300, 900, 3600, 14400, 86400, 259200, 604800] };
        _taskWait = meter.CreateHistogram<double>("bpm.task.wait.duration", "s", "User tasks from created to claimed (or to completed, when completed unclaimed).", advice: seconds);
        _taskWork = meter.CreateHistogram<double>("bpm.task.work.duration", "s", "User tasks from claimed to completed.", advice: seconds);
        _jobLockToComplete = meter.CreateHistogram<double>("bpm.job.lock_to_complete.duration", "s", "External jobs from lock to completion (locked and completed through this server process).", advice: seconds);
        _timerLag = meter.CreateHistogram<double>("bpm.timer.lag", "s", "Timers from their due time to the commit that fired them.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
    }

    /// <summary>Remembers when jobs were locked, for their lock-to-complete latency.</summary>
    public void JobsLocked(IEnumerable<JobRecord> jobs, DateTimeOffset now)
    {
        foreach (var job in jobs)
        {
            if (_lockedAt.Count < MaxTrackedLocks)
            {
                _lockedAt[job.Id] = (now, job.ProcessKey);
            }
        }
    }

    /// <summary>Records what <paramref name="committed"/> changed, against the states the command found.</summary>
    /// <param name="stateBefore">An instance's state when the command loaded (or created) it.</param>
    /// <param name="taskBefore">A task as the command found it, when the command changed it.</param>
    public void Record(ChangeSet committed, Func<string, string?> stateBefore, Func<string, TaskRecord?> taskBefore, DateTimeOffset now)
    {
        foreach (var write in committed.Instances)
        {
            var summary = write.Summary;
            var process = new KeyValuePair<string, object?>(ProcessTag, summary.ProcessKey);
            var before = stateBefore(summary.Id);
            if (write.ExpectedRevision == 0)
            {
                _started.Add(1, process);
            }

            if (summary.State == before)
            {
                continue;
            }

            switch (summary.State)
            {
                case InstanceStates.Completed:
                    _completed.Add(1, process);
                    break;
                case InstanceStates.Terminated:
                    _terminated.Add(1, process);
                    break;
                case InstanceStates.Failed when before != InstanceStates.Suspended:
                    _failed.Add(1, process);
                    break;
            }
        }

        foreach (var created in committed.History.Where(e => e.Type == Execution.HistoryTypes.IncidentCreated))
        {
            _incidents.Add(1, new KeyValuePair<string, object?>(ProcessTag, created.ProcessKey));
        }

        foreach (var task in committed.Tasks)
        {
            RecordTask(task, taskBefore(task.Id), now);
        }

        if (committed.FiredTimer?.DueAt is { } due)
        {
            // The instance the timer reached (or started) is the command's first.
            var process = committed.Instances.Count > 0 ? committed.Instances[0].Summary.ProcessKey : null;
            _timerLag.Record(Math.Max(0, (now - due).TotalSeconds), new KeyValuePair<string, object?>(ProcessTag, process));
        }

        if (committed.WorkedJob is { } worked && _lockedAt.TryRemove(worked.JobId, out var locked) && worked.Failure is null)
        {
            _jobLockToComplete.Record((now - locked.At).TotalSeconds, new KeyValuePair<string, object?>(ProcessTag, locked.ProcessKey));
        }
    }

    private void RecordTask(TaskRecord task, TaskRecord? before, DateTimeOffset now)
    {
        if (before is null || before.State == task.State)
        {
            return;
        }

        var process = new KeyValuePair<string, object?>(ProcessTag, task.ProcessKey);
        var at = task.CompletedAt ?? now;
        if (before.State == TaskStates.Open && task.State is TaskStates.Claimed or TaskStates.Completed)
        {
            _taskWait.Record((at - task.CreatedAt).TotalSeconds, process);
        }
        else if (before.State == TaskStates.Claimed && task.State == TaskStates.Completed)
        {
            // The claim is the claimed task's last change (a saved draft moves it later: the work measured is then from the last save).
            _taskWork.Record((at - before.UpdatedAt).TotalSeconds, process);
        }
    }
}
