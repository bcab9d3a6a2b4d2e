using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>The worker protocol's part of the contract: locks are leases taken atomically, reports are guarded by them.</summary>
public abstract partial class EngineStoreComplianceTests
{
    private async Task<List<JobRecord>> CreateJobsAsync(int count, string topic = "payments")
    {
        var definition = await DeployAsync("work");
        var instance = await StartAsync(definition);
        var changes = new ChangeSet();
        var jobs = Enumerable.Range(0, count)
            .Select(i => new JobRecord($"{topic}-{i:D4}", topic, instance.Id, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "charge", definition.Id, definition.Key, 3, T0))
            .ToList();
        changes.Jobs.AddRange(jobs);
        await Store.CommitAsync(changes, Ct);
        return jobs;
    }

    [Fact]
    public async Task LockJobsAsync_FreeJobs_LockedOldestFirstForTheWorkerOnly()
    {
        // Arrange
        var jobs = await CreateJobsAsync(3);
        await CreateJobsAsync(1, "other");

        // Act
        var first = await Store.LockJobsAsync("payments", "w1", T0, T0.AddMinutes(1), 2, Ct);
        var second = await Store.LockJobsAsync("payments", "w2", T0, T0.AddMinutes(1), 5, Ct);
        var none = await Store.LockJobsAsync("payments", "w3", T0.AddSeconds(59), T0.AddMinutes(2), 5, Ct);

        // Assert
        Assert.Equal(jobs.Take(2).Select(j => j.Id), first.Select(j => j.Id));
        Assert.All(first, j => Assert.Equal(("w1", T0.AddMinutes(1)), (j.LockOwner, j.LockExpiresAt)));
        Assert.Equal(jobs[2].Id, Assert.Single(second).Id);
        Assert.Empty(none);
    }

    [Fact]
    public async Task LockJobsAsync_LockRanOut_AnotherWorkerLocksTheJob()
    {
        // Arrange
        var job = Assert.Single(await CreateJobsAsync(1));
        await Store.LockJobsAsync("payments", "slow", T0, T0.AddMinutes(1), 1, Ct);

        // Act
        var relocked = await Store.LockJobsAsync("payments", "fast", T0.AddMinutes(1), T0.AddMinutes(2), 1, Ct);

        // Assert
        Assert.Equal((job.Id, "fast"), (Assert.Single(relocked).Id, relocked[0].LockOwner));
    }

    [Fact]
    public async Task LockJobsAsync_TwoStoresOnOneDatabase_LockDisjointBatches()
    {
        // Arrange
        var jobs = await CreateJobsAsync(200);
        var other = await OpenSecondStoreAsync();

        async Task<List<string>> DrainAsync(IEngineStore store, string worker)
        {
            var mine = new List<string>();
            while (await store.LockJobsAsync("payments", worker, T0, T0.AddMinutes(1), 9, Ct) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(j => j.Id));
            }

            return mine;
        }

        // Act
        var results = await Task.WhenAll(Task.Run(() => DrainAsync(Store, "a")), Task.Run(() => DrainAsync(other, "b")));

        // Assert
        Assert.Empty(results[0].Intersect(results[1]));
        Assert.Equal(jobs.Select(j => j.Id).Order(), results[0].Concat(results[1]).Order());
    }

    [Fact]
    public async Task CommitAsync_WorkedJobNotHeldByTheWorker_ConflictAndNothingWritten()
    {
        // Arrange
        var job = Assert.Single(await CreateJobsAsync(1));
        await Store.LockJobsAsync("payments", "w1", T0, T0.AddMinutes(1), 1, Ct);
        var wrongWorker = new ChangeSet { WorkedJob = new WorkedJob(job.Id, "w2", T0) };
        var expired = new ChangeSet { WorkedJob = new WorkedJob(job.Id, "w1", T0.AddMinutes(1)) };

        // Act
        var wrong = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(wrongWorker, Ct));
        var late = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(expired, Ct));

        // Assert
        Assert.Equal(job.Id, wrong.Context["jobLock"]);
        Assert.Equal(job.Id, late.Context["jobLock"]);
        Assert.NotNull(await Store.GetJobAsync(job.Id, Ct));
    }

    [Fact]
    public async Task CommitAsync_WorkedJobDoneByItsHolder_DeletedOnceWithItsRemoval()
    {
        // Arrange
        var job = Assert.Single(await CreateJobsAsync(1));
        await Store.LockJobsAsync("payments", "w1", T0, T0.AddMinutes(1), 1, Ct);
        var done = new ChangeSet { WorkedJob = new WorkedJob(job.Id, "w1", T0.AddSeconds(30)) };
        done.RemovedJobs.Add((job.Id, true));

        // Act
        await Store.CommitAsync(done, Ct);

        // Assert
        Assert.Null(await Store.GetJobAsync(job.Id, Ct));
    }

    [Fact]
    public async Task CommitAsync_WorkedJobFailed_ReleasedWithBackoffThenResetByHand()
    {
        // Arrange
        var job = Assert.Single(await CreateJobsAsync(1));
        await Store.LockJobsAsync("payments", "w1", T0, T0.AddMinutes(1), 1, Ct);
        var failed = new ChangeSet
        {
            WorkedJob = new WorkedJob(job.Id, "w1", T0) { Failure = new JobFailure(0, null, "broken") },
        };

        // Act
        await Store.CommitAsync(failed, Ct);
        var exhausted = await Store.LockJobsAsync("payments", "w2", T0.AddDays(1), T0.AddDays(2), 1, Ct);
        var reset = new ChangeSet();
        reset.ResetJobs.Add((job.Id, 1));
        await Store.CommitAsync(reset, Ct);
        var relocked = await Store.LockJobsAsync("payments", "w2", T0, T0.AddMinutes(1), 1, Ct);

        // Assert
        Assert.Empty(exhausted);
        var stored = Assert.Single(relocked);
        Assert.Equal((1, "broken", 1, "w2"), (stored.Retries, stored.ErrorMessage, stored.Failures, stored.LockOwner));
    }

    [Fact]
    public async Task LockJobsAsync_FailedWithBackoff_LockableOnlyOnceItRunsOut()
    {
        // Arrange
        var job = Assert.Single(await CreateJobsAsync(1));
        await Store.LockJobsAsync("payments", "w1", T0, T0.AddMinutes(1), 1, Ct);
        await Store.CommitAsync(new ChangeSet { WorkedJob = new WorkedJob(job.Id, "w1", T0) { Failure = new JobFailure(2, T0.AddSeconds(10), "retry later") } }, Ct);

        // Act
        var early = await Store.LockJobsAsync("payments", "w2", T0.AddSeconds(9), T0.AddMinutes(1), 1, Ct);
        var onTime = await Store.LockJobsAsync("payments", "w2", T0.AddSeconds(10), T0.AddMinutes(1), 1, Ct);

        // Assert
        Assert.Empty(early);
        Assert.Equal((job.Id, 2), (Assert.Single(onTime).Id, onTime[0].Retries));
    }

    [Fact]
    public async Task ExtendJobLockAsync_OnlyTheHolderWhileItHolds()
    {
        // Arrange
        var job = Assert.Single(await CreateJobsAsync(1));
        await Store.LockJobsAsync("payments", "w1", T0, T0.AddMinutes(1), 1, Ct);

        // Act
        var other = await Store.ExtendJobLockAsync(job.Id, "w2", T0, T0.AddMinutes(5), Ct);
        var holder = await Store.ExtendJobLockAsync(job.Id, "w1", T0.AddSeconds(30), T0.AddMinutes(5), Ct);
        var late = await Store.ExtendJobLockAsync(job.Id, "w1", T0.AddMinutes(5), T0.AddMinutes(9), Ct);

        // Assert
        Assert.Null(other);
        Assert.Equal(T0.AddMinutes(5), holder?.LockExpiresAt);
        Assert.Null(late);
    }

    [Fact]
    public async Task QueryJobsAsync_Paged_ByTopicOldestFirstWithTotal()
    {
        // Arrange
        var jobs = await CreateJobsAsync(5);
        await CreateJobsAsync(2, "other");

        // Act
        var first = await Store.QueryJobsAsync(new JobQuery(new PageRequest(2), "payments"), Ct);
        var second = await Store.QueryJobsAsync(new JobQuery(new PageRequest(2, After: first.LastKey), "payments"), Ct);
        var all = await Store.QueryJobsAsync(new JobQuery(new PageRequest(50)), Ct);

        // Assert
        Assert.Equal((5L, true, false), (first.Total, first.HasNext, first.HasPrevious));
        Assert.Equal(jobs.Skip(2).Take(2).Select(j => j.Id), second.Items.Select(j => j.Id));
        Assert.Equal(7, all.Total);
    }
}
