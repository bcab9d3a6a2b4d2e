using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Tests.Support;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Storage.Postgres.Tests;

/// <summary>
/// Instance migration on PostgreSQL (issue 19): no store operation of its own, but it closes and reopens the
/// instance's subscriptions and jobs under their ids in one change set, which this store must apply in that order.
/// </summary>
public sealed class Issue19MigrationPostgresTests
{
    private static readonly Dictionary<string, object?> None = new();

    [Fact]
    public async Task Issue19_MigratedInstance_KeepsItsTaskTimerMessageAndJobIds_AndCompletesOnV2()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        await h.Engine.DeployAsync(MigrationModels.V1, null, null, null, CancellationToken.None);
        var instance = await h.StartAsync(MigrationModels.Key);
        var v2 = await h.Engine.DeployAsync(MigrationModels.V2, null, null, null, CancellationToken.None);
        var before = await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None);
        var job = Assert.Single(await h.Engine.GetJobsAsync("billing", 10, CancellationToken.None));

        // Act
        await h.Engine.MigrateInstanceAsync(instance.Id, new MigrationPlan(v2.Id, new Dictionary<string, string> { ["review"] = "check" }),
            new CommandContext(User: "olga"), CancellationToken.None);

        // Assert: the same subscriptions and job, now of v2.
        var stored = await h.Store.GetInstanceAsync(instance.Id, CancellationToken.None);
        Assert.Equal((v2.Id, 2), (stored!.Summary.DefinitionId, stored.Summary.ProcessVersion));
        var after = await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None);
        Assert.Equal(before.Select(s => s.Id).Order(), after.Select(s => s.Id).Order());
        Assert.All(after, s => Assert.Equal(v2.Id, s.DefinitionId));
        Assert.Equal((job.Id, v2.Id), (await h.Store.GetJobAsync(job.Id, CancellationToken.None)) is { } moved ? (moved.Id, moved.DefinitionId) : default);

        // Act: every branch goes on, on v2.
        await h.CompleteAsync(Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "check"));
        await h.Engine.CorrelateMessageAsync("Payment2", null, None, null, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await new TimerScheduler(h.Engine, h.Clock).FireDueAsync(CancellationToken.None));
        await h.CompleteAsync(Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "inner"));
        await h.Engine.CompleteJobAsync(job.Id, None, CommandContext.Anonymous, CancellationToken.None);
        await h.CompleteAsync(Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "audit"));

        // Assert
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Type == "instance-migrated" && e.User == "olga");
    }
}
