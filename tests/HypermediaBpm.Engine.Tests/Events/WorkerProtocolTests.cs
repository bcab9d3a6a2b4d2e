using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Events;

/// <summary>
/// The worker protocol on a real SQLite file with a manual clock: lock, complete, fail with back-off, incidents
/// and their retry, BPMN errors, lease expiry and stale workers.
/// </summary>
public sealed class WorkerProtocolTests
{
    private static readonly Dictionary<string, object?> None = new();
    private static readonly CommandContext Anonymous = CommandContext.Anonymous;
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task LockJobs_Worker_GetsTheJobWithTheVariablesItsTaskSees()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"), new Dictionary<string, object?> { ["amount"] = 42L });

        var locked = Assert.Single(await LockAsync(h, "w1"));

        Assert.Equal((instance.Id, "charge", "w1"), (locked.Job.InstanceId, locked.Job.ActivityId, locked.Job.LockOwner));
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), locked.Job.LockExpiresAt);
        Assert.Equal(42L, locked.Variables["amount"]);
        Assert.Equal(JobStates.Locked, locked.Job.StateAt(h.Clock.GetUtcNow()));
        Assert.Empty(await LockAsync(h, "w2"));
    }

    [Fact]
    public async Task CompleteJob_LockHolder_InstanceGoesOnWithTheWorkersVariables()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;

        await h.Engine.CompleteJobAsync(job.Id, "w1", new Dictionary<string, object?> { ["receipt"] = "r-1" }, Anonymous, Ct);

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Equal("r-1", done.Variables["receipt"]);
        Assert.Null(await h.Store.GetJobAsync(job.Id, Ct));
    }

    [Fact]
    public async Task CompleteJob_NeverLocked_IsJobNotLocked()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await h.Engine.GetJobsAsync("payments", 10, Ct));

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.CompleteJobAsync(job.Id, "w1", None, Anonymous, Ct));

        Assert.Equal("JOB_NOT_LOCKED", refused.Code);
    }

    [Fact]
    public async Task CompleteJob_AnotherWorkersLock_IsJobLockLostAndChangesNothing()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.CompleteJobAsync(job.Id, "w2", None, Anonymous, Ct));

        Assert.Equal("JOB_LOCK_LOST", refused.Code);
        Assert.Equal("w1", refused.Context["lockOwner"]);
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);
        Assert.NotNull(await h.Store.GetJobAsync(job.Id, Ct));
    }

    [Fact]
    public async Task LockJobs_LeaseRanOut_JobReturnsToThePoolAndTheStaleWorkerLosesIt()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var first = Assert.Single(await LockAsync(h, "slow")).Job;

        h.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(await LockAsync(h, "fast"));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = Assert.Single(await LockAsync(h, "fast")).Job;
        var stale = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.CompleteJobAsync(first.Id, "slow", None, Anonymous, Ct));
        await h.Engine.CompleteJobAsync(second.Id, "fast", None, Anonymous, Ct);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("JOB_LOCK_LOST", stale.Code);
        var history = await h.HistoryAsync(instance.Id);
        Assert.Single(history, e => e.Type == HistoryTypes.JobCompleted);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task CompleteJob_LockRanOutButNobodyTookIt_IsStillJobLockLost()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "slow")).Job;
        h.Clock.Advance(TimeSpan.FromMinutes(2));

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.CompleteJobAsync(job.Id, "slow", None, Anonymous, Ct));

        Assert.Equal("JOB_LOCK_LOST", refused.Code);
        Assert.Equal(JobStates.Open, (await h.Engine.GetJobAsync(job.Id, Ct)).StateAt(h.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task ExtendJobLock_Holder_KeepsTheJobPastItsFirstLease()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;
        h.Clock.Advance(TimeSpan.FromSeconds(50));

        var extended = await h.Engine.ExtendJobLockAsync(job.Id, "w1", TimeSpan.FromMinutes(5), Ct);
        h.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(3), extended.LockExpiresAt);
        Assert.Empty(await LockAsync(h, "w2"));
        var other = await Assert.ThrowsAsync<InvalidStateException>(() => h.Engine.ExtendJobLockAsync(job.Id, "w2", TimeSpan.FromMinutes(5), Ct));
        Assert.Equal("JOB_LOCK_LOST", other.Code);
        await h.Engine.CompleteJobAsync(job.Id, "w1", None, Anonymous, Ct);
    }

    [Fact]
    public async Task FailJob_RetriesLeft_ReleasedAndLockableOnlyAfterTheRetryTimeout()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;

        await h.Engine.FailJobAsync(job.Id, "w1", "gateway timeout", null, TimeSpan.FromSeconds(30), Anonymous, Ct);

        var failed = await h.Engine.GetJobAsync(job.Id, Ct);
        Assert.Equal((2, "gateway timeout", (string?)null, 1), (failed.Retries, failed.ErrorMessage, failed.LockOwner, failed.Failures));
        Assert.Equal(h.Clock.GetUtcNow().AddSeconds(30), failed.AvailableAt);
        h.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await LockAsync(h, "w2"));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(job.Id, Assert.Single(await LockAsync(h, "w2")).Job.Id);
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.JobFailed);
    }

    [Fact]
    public async Task FailJob_NoRetryTimeout_DefaultBackoffDoublesWithEachFailure()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var backoffs = new List<TimeSpan>();

        for (var i = 0; i < 2; i++)
        {
            var job = Assert.Single(await LockAsync(h, "w1")).Job;
            await h.Engine.FailJobAsync(job.Id, "w1", "down", 5, null, Anonymous, Ct);
            var failed = await h.Engine.GetJobAsync(job.Id, Ct);
            backoffs.Add(failed.AvailableAt!.Value - h.Clock.GetUtcNow());
            h.Clock.Advance(backoffs[^1]);
        }

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], backoffs);
    }

    [Fact]
    public async Task FailJob_NoRetriesLeft_IncidentJobFailedAndNobodyCanLockIt()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;

        await h.Engine.FailJobAsync(job.Id, "w1", "card service gone", 0, null, Anonymous, Ct);

        var failed = await h.InstanceAsync(instance.Id);
        var incident = Assert.Single(failed.Incidents);
        Assert.Equal(InstanceStates.Failed, failed.State);
        Assert.Equal(("JOB_FAILED", "card service gone", "charge"), (incident.Code, incident.Message, incident.ActivityId));
        Assert.Equal(JobStates.Failed, (await h.Engine.GetJobAsync(job.Id, Ct)).StateAt(h.Clock.GetUtcNow()));
        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await LockAsync(h, "w2"));
    }

    [Fact]
    public async Task RetryIncident_JobFailed_JobGetsARetryAndAWorkerFinishesIt()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;
        await h.Engine.FailJobAsync(job.Id, "w1", "down", 0, null, Anonymous, Ct);
        var incident = Assert.Single((await h.InstanceAsync(instance.Id)).Incidents);

        await h.Engine.RetryIncidentAsync(instance.Id, incident.Id, new Dictionary<string, object?> { ["hint"] = "use backup" }, Anonymous, Ct);

        var retried = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Running, retried.State);
        Assert.Empty(retried.Incidents);
        var again = Assert.Single(await LockAsync(h, "w2"));
        Assert.Equal((job.Id, 1), (again.Job.Id, again.Job.Retries));
        Assert.Equal("use backup", again.Variables["hint"]);
        await h.Engine.CompleteJobAsync(job.Id, "w2", None, Anonymous, Ct);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task ResolveIncident_JobFailed_JobWithdrawnAndInstanceGoesOn()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;
        await h.Engine.FailJobAsync(job.Id, "w1", "down", 0, null, Anonymous, Ct);
        var incident = Assert.Single((await h.InstanceAsync(instance.Id)).Incidents);

        await h.Engine.ResolveIncidentAsync(instance.Id, incident.Id, None, Anonymous, Ct);

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Null(await h.Store.GetJobAsync(job.Id, Ct));
    }

    [Fact]
    public async Task ThrowJobError_ErrorBoundaryOnTheTask_CatchesItWithCodeAndMessage()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-error-boundary"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;

        await h.Engine.ThrowJobErrorAsync(job.Id, "w1", "CARD_DECLINED", "insufficient funds", new Dictionary<string, object?> { ["card"] = "4242" }, Anonymous, Ct);

        var caught = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Running, caught.State);
        Assert.Equal(("CARD_DECLINED", "insufficient funds", "4242"), (caught.Variables["errorCode"], caught.Variables["errorMessage"], caught.Variables["card"]));
        await h.OpenTaskAsync(instance.Id, "askCustomer");
        Assert.Null(await h.Store.GetJobAsync(job.Id, Ct));
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Type == HistoryTypes.JobErrorThrown);
    }

    [Fact]
    public async Task ThrowJobError_NobodyCatchesTheCode_IncidentAndRetryCreatesANewJob()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;

        await h.Engine.ThrowJobErrorAsync(job.Id, "w1", "UNKNOWN", null, None, Anonymous, Ct);

        var failed = await h.InstanceAsync(instance.Id);
        var incident = Assert.Single(failed.Incidents);
        Assert.Equal((InstanceStates.Failed, "UNCAUGHT_ERROR"), (failed.State, incident.Code));
        Assert.Null(await h.Store.GetJobAsync(job.Id, Ct));
        await h.Engine.RetryIncidentAsync(instance.Id, incident.Id, None, Anonymous, Ct);
        var fresh = Assert.Single(await LockAsync(h, "w1")).Job;
        Assert.NotEqual(job.Id, fresh.Id);
    }

    [Fact]
    public async Task CancelInstance_LockedJob_WithdrawnAndTheWorkerGetsJobNotFound()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("external-task-camunda"));
        var job = Assert.Single(await LockAsync(h, "w1")).Job;

        await h.Engine.CancelAsync(instance.Id, Anonymous, Ct);

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => h.Engine.CompleteJobAsync(job.Id, "w1", None, Anonymous, Ct));
        Assert.Equal("JOB_NOT_FOUND", refused.Code);
    }

    [Theory]
    [InlineData("", "w1", 1, 60_000, "topic")]
    [InlineData("payments", " ", 1, 60_000, "workerId")]
    [InlineData("payments", "w1", 0, 60_000, "maxJobs")]
    [InlineData("payments", "w1", 101, 60_000, "maxJobs")]
    [InlineData("payments", "w1", 1, 0, "lockDuration")]
    public async Task LockJobs_BadRequest_IsInvalidInputNamingTheField(string topic, string worker, int maxJobs, int lockMs, string field)
    {
        await using var h = await EngineHarness.CreateAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            h.Engine.LockJobsAsync(new JobLockRequest(topic, worker, maxJobs, TimeSpan.FromMilliseconds(lockMs)), Ct));

        Assert.Equal(field, Assert.Single(refused.Errors).Field);
    }

    [Fact]
    public async Task LockJobs_TwoEnginesOnOneFile_LockDisjointBatchesThatCoverEveryJob()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("external-task-camunda");
        for (var i = 0; i < 60; i++)
        {
            await h.StartAsync(key);
        }

        var (second, store) = await h.OpenSecondAsync();
        await using (store)
        {
            async Task<List<string>> DrainAsync(ProcessEngine engine, string worker)
            {
                var mine = new List<string>();
                while (await engine.LockJobsAsync(new JobLockRequest("payments", worker, 7, TimeSpan.FromMinutes(1)), Ct) is { Count: > 0 } batch)
                {
                    mine.AddRange(batch.Select(j => j.Job.Id));
                }

                return mine;
            }

            var results = await Task.WhenAll(Task.Run(() => DrainAsync(h.Engine, "a")), Task.Run(() => DrainAsync(second, "b")));

            Assert.Empty(results[0].Intersect(results[1]));
            Assert.Equal(60, results[0].Count + results[1].Count);
        }
    }

    [Fact]
    public async Task LockJobs_Waiting_WokenInProcessByANewJobOfItsTopic()
    {
        // The store is polled once an hour here: only the in-process wake-up can answer the waiting lock in time.
        await using var h = await EngineHarness.CreateAsync();
        var hourly = new JobOptions { MinPollInterval = TimeSpan.FromHours(1), MaxPollInterval = TimeSpan.FromHours(1) };
        var engine = new ProcessEngine(h.Store, new EngineOptions { Clock = h.Clock, Jobs = hourly });
        var key = (await engine.DeployAsync(EngineHarness.Fixture("external-task-camunda"), null, null, null, Ct)).Key;
        var waiting = engine.LockJobsAsync(new JobLockRequest("payments", "w1", 1, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30)), Ct);

        await engine.StartAsync(key, null, null, None, false, Anonymous, Ct);

        var locked = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("w1", Assert.Single(locked).Job.LockOwner);
    }

    private static Task<IReadOnlyList<LockedJob>> LockAsync(EngineHarness h, string worker) =>
        h.Engine.LockJobsAsync(new JobLockRequest("payments", worker, 10, TimeSpan.FromMinutes(1)), Ct);
}
