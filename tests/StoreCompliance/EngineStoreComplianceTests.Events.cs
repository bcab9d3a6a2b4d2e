using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

/// <summary>Subscriptions, timer leases, jobs and buffered messages: the part of the contract behind timers and messages.</summary>
public abstract partial class EngineStoreComplianceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static SubscriptionRecord Timer(InstanceSummary? instance, DefinitionRecord definition, DateTimeOffset due, string token = "1") => new(
        Guid.NewGuid().ToString("N"), SubscriptionKinds.Timer, null, null, due, null, 0, instance?.Id, instance is null ? null : token,
        "wait", definition.Id, definition.Key, T0);

    private static SubscriptionRecord Message(InstanceSummary instance, DefinitionRecord definition, string name, string? key, string token = "1") => new(
        Guid.NewGuid().ToString("N"), SubscriptionKinds.Message, name, key, null, null, 0, instance.Id, token,
        "catch", definition.Id, definition.Key, T0);

    private async Task OpenAsync(params SubscriptionRecord[] subscriptions)
    {
        var changes = new ChangeSet();
        changes.Subscriptions.AddRange(subscriptions);
        await Store.CommitAsync(changes, Ct);
    }

    [Fact]
    public async Task ClaimDueTimersAsync_DueAndFree_LeasedEarliestFirstAndOnlyOnce()
    {
        // Arrange
        var definition = await DeployAsync("timers");
        var instance = await StartAsync(definition);
        var late = Timer(instance, definition, T0.AddMinutes(2));
        var early = Timer(instance, definition, T0.AddMinutes(1), "2");
        var future = Timer(instance, definition, T0.AddHours(1), "3");
        await OpenAsync(late, early, future);

        // Act
        var claimed = await Store.ClaimDueTimersAsync("a", T0.AddMinutes(5), T0.AddMinutes(6), 10, Ct);
        var again = await Store.ClaimDueTimersAsync("b", T0.AddMinutes(5), T0.AddMinutes(6), 10, Ct);
        var afterLease = await Store.ClaimDueTimersAsync("b", T0.AddMinutes(6), T0.AddMinutes(7), 1, Ct);

        // Assert
        Assert.Equal([early.Id, late.Id], claimed.OrderBy(c => c.DueAt).Select(c => c.Id));
        Assert.All(claimed, c => Assert.Equal(("a", T0.AddMinutes(6)), (c.LeaseOwner, c.LeaseUntil)));
        Assert.Empty(again);
        Assert.Equal(early.Id, Assert.Single(afterLease).Id);
        Assert.Equal(T0.AddMinutes(6), await Store.GetNextTimerDueAsync(Ct));
    }

    [Fact]
    public async Task GetNextTimerDueAsync_LeasedTimer_ClaimableWhenTheLeaseEnds()
    {
        // Arrange
        var definition = await DeployAsync("timers");
        var instance = await StartAsync(definition);
        await OpenAsync(Timer(instance, definition, T0), Timer(instance, definition, T0.AddHours(1), "2"));
        Assert.Equal(T0, await Store.GetNextTimerDueAsync(Ct));

        // Act
        await Store.ClaimDueTimersAsync("a", T0, T0.AddMinutes(10), 10, Ct);

        // Assert
        Assert.Equal(T0.AddMinutes(10), await Store.GetNextTimerDueAsync(Ct));
    }

    [Fact]
    public async Task CommitAsync_FiredTimerLeasedByAnother_ConflictAndNothingWritten()
    {
        // Arrange
        var definition = await DeployAsync("timers");
        var instance = await StartAsync(definition);
        var timer = Timer(instance, definition, T0);
        await OpenAsync(timer);
        await Store.ClaimDueTimersAsync("a", T0, T0.AddMinutes(1), 10, Ct);
        await Store.ClaimDueTimersAsync("b", T0.AddMinutes(1), T0.AddMinutes(2), 10, Ct);
        var changes = StoreSamples.Changes(history: [Samples.History(instance, "event-received")]);
        changes.FiredTimer = new SubscriptionLease(timer.Id, "a");

        // Act
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(changes, Ct));

        // Assert
        Assert.Equal(timer.Id, conflict.Context["lease"]);
        Assert.Equal(0, (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(), instance.Id), Ct)).Total);
        Assert.Equal("b", (await Store.GetSubscriptionAsync(timer.Id, Ct))!.LeaseOwner);
    }

    [Fact]
    public async Task CommitAsync_FiredRepeatingTimer_MovedToNextDueWithLeaseReleased()
    {
        // Arrange
        var definition = await DeployAsync("timers");
        var timer = Timer(null, definition, T0) with { Cycle = "PT10S", RepeatsLeft = 2 };
        await OpenAsync(timer);
        await Store.ClaimDueTimersAsync("a", T0, T0.AddMinutes(1), 10, Ct);
        var changes = new ChangeSet { FiredTimer = new SubscriptionLease(timer.Id, "a", T0.AddSeconds(10), 1) };

        // Act
        await Store.CommitAsync(changes, Ct);

        // Assert
        var moved = await Store.GetSubscriptionAsync(timer.Id, Ct);
        Assert.Equal((T0.AddSeconds(10), 1, null, (DateTimeOffset?)null), (moved!.DueAt, moved.RepeatsLeft, moved.LeaseOwner, moved.LeaseUntil));
    }

    [Fact]
    public async Task QuerySubscriptionsAsync_ByNameAndKey_OnlyMatchingInstanceSubscriptions()
    {
        // Arrange
        var definition = await DeployAsync("orders");
        var one = await StartAsync(definition);
        var two = await StartAsync(definition);
        var paidA = Message(one, definition, "paid", "A");
        await OpenAsync(paidA, Message(two, definition, "paid", "B"), Message(two, definition, "shipped", "A", "2"), Timer(null, definition, T0));

        // Act
        var byKey = await Store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Message, "paid", "A"), Ct);
        var anyKey = await Store.QuerySubscriptionsAsync(new SubscriptionQuery(SubscriptionKinds.Message, "paid"), Ct);
        var ofTwo = await Store.QuerySubscriptionsAsync(new SubscriptionQuery(InstanceId: two.Id), Ct);
        var starts = await Store.QuerySubscriptionsAsync(new SubscriptionQuery(Starts: true), Ct);

        // Assert
        Assert.Equal(paidA, Assert.Single(byKey));
        Assert.Equal(2, anyKey.Count);
        Assert.Equal(2, ofTwo.Count);
        Assert.Null(Assert.Single(starts).InstanceId);
    }

    [Fact]
    public async Task CommitAsync_ConsumedSubscriptionAlreadyGone_ConflictAndNothingWritten()
    {
        // Arrange
        var definition = await DeployAsync("orders");
        var instance = await StartAsync(definition);
        var paid = Message(instance, definition, "paid", "A");
        await OpenAsync(paid);
        var first = new ChangeSet();
        first.ConsumedSubscriptions.Add(paid.Id);
        await Store.CommitAsync(first, Ct);
        var second = StoreSamples.Changes(history: [Samples.History(instance, "event-received")]);
        second.ConsumedSubscriptions.Add(paid.Id);

        // Act
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(second, Ct));

        // Assert
        Assert.Equal(paid.Id, conflict.Context["subscription"]);
        Assert.Equal(0, (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(), instance.Id), Ct)).Total);
    }

    [Fact]
    public async Task CommitAsync_ClosedToken_RemovesAllItsSubscriptionsOnly()
    {
        // Arrange
        var definition = await DeployAsync("orders");
        var instance = await StartAsync(definition);
        await OpenAsync(Message(instance, definition, "paid", "A", "7"), Timer(instance, definition, T0, "7"), Message(instance, definition, "paid", "A", "8"));
        var changes = new ChangeSet();
        changes.ClosedSubscriptions.Add((instance.Id, "7"));

        // Act
        await Store.CommitAsync(changes, Ct);

        // Assert
        Assert.Equal("8", Assert.Single(await Store.QuerySubscriptionsAsync(new SubscriptionQuery(InstanceId: instance.Id), Ct)).TokenId);
        Assert.Null(await Store.GetNextTimerDueAsync(Ct));
    }

    [Fact]
    public async Task AddDefinitionAsync_NewVersion_ReplacesTheKeysStartSubscriptions()
    {
        // Arrange
        var first = await Store.AddDefinitionAsync(Samples.Definition("ticks") with { StartSubscriptions = [Timer(null, await DeployAsync("placeholder"), T0)] }, Ct);

        // Act
        var second = await Store.AddDefinitionAsync(Samples.Definition("ticks") with { StartSubscriptions = [Timer(null, first, T0.AddDays(1))] }, Ct);

        // Assert
        var starts = await Store.QuerySubscriptionsAsync(new SubscriptionQuery(Starts: true), Ct);
        var only = Assert.Single(starts);
        Assert.Equal((second.Id, "ticks", T0.AddDays(1)), (only.DefinitionId, only.ProcessKey, only.DueAt));
    }

    [Fact]
    public async Task Jobs_CreatedListedAndCompletedOnce()
    {
        // Arrange
        var definition = await DeployAsync("work");
        var instance = await StartAsync(definition);
        var job = new JobRecord("job-1", "payments", instance.Id, "1", "charge", definition.Id, definition.Key, 3, T0);
        var create = new ChangeSet();
        create.Jobs.Add(job);
        await Store.CommitAsync(create, Ct);

        // Act
        var listed = await Store.QueryJobsAsync("payments", 10, Ct);
        var complete = new ChangeSet();
        complete.RemovedJobs.Add((job.Id, true));
        await Store.CommitAsync(complete, Ct);
        var twice = new ChangeSet();
        twice.RemovedJobs.Add((job.Id, true));

        // Assert
        Assert.Equal(job, Assert.Single(listed));
        Assert.Empty(await Store.QueryJobsAsync("other", 10, Ct));
        Assert.Null(await Store.GetJobAsync(job.Id, Ct));
        Assert.Equal(job.Id, (await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(twice, Ct))).Context["job"]);
    }

    [Fact]
    public async Task BufferedMessages_FoundByNameAndKeyUntilExpiry_DeliveredOnce()
    {
        // Arrange
        var keyed = new BufferedMessageRecord("m-1", "paid", "A", "{\"x\":1}", T0, T0.AddHours(1));
        var changes = new ChangeSet();
        changes.BufferedMessages.Add(keyed);
        await Store.CommitAsync(changes, Ct);

        // Act
        var found = await Store.FindBufferedMessageAsync("paid", "A", T0.AddMinutes(59), Ct);
        var otherKey = await Store.FindBufferedMessageAsync("paid", "B", T0, Ct);
        var expired = await Store.FindBufferedMessageAsync("paid", "A", T0.AddHours(1), Ct);
        var deliver = new ChangeSet();
        deliver.ConsumedMessages.Add(keyed.Id);
        await Store.CommitAsync(deliver, Ct);

        // Assert
        Assert.Equal(keyed, found);
        Assert.Null(otherKey);
        Assert.Null(expired);
        Assert.Null(await Store.GetBufferedMessageAsync(keyed.Id, Ct));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(deliver, Ct));
    }
}
