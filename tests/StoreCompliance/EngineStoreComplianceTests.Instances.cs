using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.StoreCompliance;

public abstract partial class EngineStoreComplianceTests
{
    [Fact]
    public async Task CommitAsync_NewInstance_ReadsBackSummaryAndState()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = Samples.Instance(definition, businessKey: "INV-42");
        const string json = """{"v":1,"variables":{"amount":{"type":"number","value":150.5},"name":"Zoë ✓"}}""";

        // Act
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(instance, json)]), Ct);
        var stored = await Store.GetInstanceAsync(instance.Id, Ct);

        // Assert
        Assert.NotNull(stored);
        Assert.Equal(instance, stored.Summary);
        Assert.Equal(json, stored.StateJson);
        Assert.Null(await Store.GetInstanceAsync("missing", Ct));
    }

    [Fact]
    public async Task CommitAsync_UpdateAtExpectedRevision_StoresNextRevision()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = await StartAsync(definition);
        var update = Samples.Update(instance, "completed", """{"v":1,"done":true}""");

        // Act
        await Store.CommitAsync(StoreSamples.Changes([update]), Ct);
        var stored = await Store.GetInstanceAsync(instance.Id, Ct);

        // Assert
        Assert.Equal(update.Summary, stored!.Summary);
        Assert.Equal(2, stored.Summary.Revision);
        Assert.Equal("completed", stored.Summary.State);
        Assert.NotNull(stored.Summary.EndedAt);
        Assert.Equal("""{"v":1,"done":true}""", stored.StateJson);
    }

    [Fact]
    public async Task CommitAsync_StaleRevision_ThrowsConflictAndWritesNothingOfTheChangeSet()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = await StartAsync(definition);
        var winner = Samples.Update(instance, "running", """{"v":1,"winner":true}""");
        await Store.CommitAsync(StoreSamples.Changes([winner]), Ct);
        var loser = Samples.Update(instance, "completed", """{"v":1,"loser":true}""");
        var task = Samples.Task(instance);
        var stale = StoreSamples.Changes(
            [loser], [task], [Samples.History(instance, "activityStarted"), Samples.History(instance, "activityCompleted")],
            Samples.Idempotency("stale-key"));

        // Act
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(stale, Ct));

        // Assert
        Assert.Equal("CONCURRENT_MODIFICATION", error.Code);
        var stored = await Store.GetInstanceAsync(instance.Id, Ct);
        Assert.Equal(winner.Summary, stored!.Summary);
        Assert.Equal("""{"v":1,"winner":true}""", stored.StateJson);
        Assert.Null(await Store.GetTaskAsync(task.Id, Ct));
        Assert.Empty((await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(), instance.Id), Ct)).Items);
        Assert.Null(await Store.GetIdempotencyRecordAsync("stale-key", Ct));
        Assert.Equal(0, (await Store.QueryTasksAsync(new TaskQuery(new PageRequest()), Ct)).Total);
        Assert.Equal(0, (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(), State: "completed"), Ct)).Total);
    }

    [Fact]
    public async Task CommitAsync_InsertOfExistingId_ThrowsConflictAndKeepsTheOriginal()
    {
        // Arrange
        var definition = await DeployAsync("invoice");
        var instance = await StartAsync(definition, businessKey: "first");
        var duplicate = instance with { BusinessKey = "second" };

        // Act
        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(duplicate)], history: [Samples.History(instance, "x")]), Ct));

        // Assert
        Assert.Equal("first", (await Store.GetInstanceAsync(instance.Id, Ct))!.Summary.BusinessKey);
        Assert.Equal(1, (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest()), Ct)).Total);
        Assert.Equal(0, (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest()), Ct)).Total);
    }

    [Fact]
    public async Task CommitAsync_EmptyChangeSet_Succeeds()
    {
        // Arrange
        var changes = new ChangeSet();

        // Act
        var error = await Record.ExceptionAsync(() => Store.CommitAsync(changes, Ct));

        // Assert
        Assert.Null(error);
    }

    [Fact]
    public async Task CommitAsync_TimestampsWithSubMillisecondTicksAndOffsets_RoundTripAsTheSameInstants()
    {
        // Arrange
        var definition = await DeployAsync("clock");
        var started = new DateTimeOffset(2025, 6, 30, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(1234567);
        var ended = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)).AddTicks(1);
        var instance = Samples.Instance(definition) with { StartedAt = started, EndedAt = ended, UpdatedAt = DateTimeOffset.MaxValue.AddTicks(-7), State = "completed" };
        var task = Samples.Task(instance) with { CreatedAt = started, UpdatedAt = ended, CompletedAt = DateTimeOffset.UnixEpoch.AddTicks(3) };
        var history = Samples.History(instance, "x") with { Timestamp = started.AddTicks(1) };

        // Act
        await Store.CommitAsync(StoreSamples.Changes([StoreSamples.Insert(instance)], [task], [history], Samples.Idempotency("t") with { CreatedAt = ended }), Ct);
        var storedInstance = (await Store.GetInstanceAsync(instance.Id, Ct))!.Summary;
        var storedTask = (await Store.GetTaskAsync(task.Id, Ct))!;
        var storedHistory = (await Store.QueryHistoryAsync(new HistoryQuery(new PageRequest(), instance.Id), Ct)).Items.Single();
        var storedIdempotency = (await Store.GetIdempotencyRecordAsync("t", Ct))!;

        // Assert
        Assert.Equal(started.UtcTicks, storedInstance.StartedAt.UtcTicks);
        Assert.Equal(ended.UtcTicks, storedInstance.EndedAt!.Value.UtcTicks);
        Assert.Equal(DateTimeOffset.MaxValue.AddTicks(-7), storedInstance.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, storedInstance.StartedAt.Offset);
        Assert.Equal(started, storedTask.CreatedAt);
        Assert.Equal(ended, storedTask.UpdatedAt);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(3), storedTask.CompletedAt);
        Assert.Equal(started.AddTicks(1), storedHistory.Timestamp);
        Assert.Equal(ended, storedIdempotency.CreatedAt);
    }

    [Fact]
    public async Task QueryInstancesAsync_Filters_TotalsFollowInsertsAndStateChanges()
    {
        // Arrange
        var invoice = await DeployAsync("invoice");
        var order = await DeployAsync("order");
        var invoices = new List<InstanceSummary>();
        for (var i = 0; i < 6; i++)
        {
            invoices.Add(await StartAsync(invoice, businessKey: i % 2 == 0 ? "even" : null));
        }

        var orders = new List<InstanceSummary>();
        for (var i = 0; i < 4; i++)
        {
            orders.Add(await StartAsync(order, businessKey: "even"));
        }

        // Act
        await MoveAsync(invoices[0], "completed");
        await MoveAsync(invoices[1], "completed");
        await MoveAsync(await MoveAsync(orders[0], "suspended"), "failed");

        // Assert
        async Task<long> Total(string? state = null, string? process = null, string? businessKey = null) =>
            (await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(1), state, process, businessKey), Ct)).Total;
        Assert.Equal(10, await Total());
        Assert.Equal(7, await Total(state: "running"));
        Assert.Equal(2, await Total(state: "completed"));
        Assert.Equal(0, await Total(state: "suspended"));
        Assert.Equal(1, await Total(state: "failed"));
        Assert.Equal(6, await Total(process: "invoice"));
        Assert.Equal(4, await Total("running", "invoice"));
        Assert.Equal(1, await Total("failed", "order"));
        Assert.Equal(0, await Total(process: "nothing"));
        Assert.Equal(7, await Total(businessKey: "even"));
        Assert.Equal(3, await Total(businessKey: "even", state: "running", process: "order"));
        var evenInvoices = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10), ProcessKey: "invoice", BusinessKey: "even"), Ct);
        Assert.Equal([invoices[4].Id, invoices[2].Id, invoices[0].Id], evenInvoices.Items.Select(i => i.Id));
        var completed = await Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10), "completed"), Ct);
        Assert.Equal([invoices[1].Id, invoices[0].Id], completed.Items.Select(i => i.Id));
    }
}
