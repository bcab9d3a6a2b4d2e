using HypermediaBpm.Engine.Behaviors.Tasks;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary><c>camunda:dueDate</c> on user tasks: evaluated when the task is created, stored with it, an incident when it is no date.</summary>
public sealed class Issue16TaskDueDateTests
{
    [Fact]
    public async Task Issue16_DueDate_FixedExpressionAndDuration_AreStoredOnTheTask()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("user-task-due-dates");
        var now = h.Clock.GetUtcNow();

        // Act
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["deadline"] = "2027-01-15T09:30:00+01:00" });

        // Assert: read back from the store, not from the command's result.
        Assert.Equal(InstanceStates.Running, instance.State);
        await h.ReopenAsync();
        var tasks = (await h.TasksAsync(instance.Id)).ToDictionary(t => t.ActivityId);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero), tasks["fixed"].DueAt);
        Assert.Equal(new DateTimeOffset(2027, 1, 15, 8, 30, 0, TimeSpan.Zero), tasks["byExpression"].DueAt);
        Assert.Equal(now.AddDays(2), tasks["byDuration"].DueAt);
        Assert.Null(tasks["none"].DueAt);
    }

    [Fact]
    public async Task Issue16_DueDate_ExpressionYieldingNull_SetsNoDueDate()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("user-task-due-dates");

        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["deadline"] = null });

        Assert.Equal(InstanceStates.Running, instance.State);
        Assert.Null((await h.TasksAsync(instance.Id)).Single(t => t.ActivityId == "byExpression").DueAt);
    }

    [Theory]
    [InlineData("next tuesday")]
    [InlineData("12/24/2026")]
    [InlineData("P2X")]
    public async Task Issue16_DueDate_ThatIsNoDate_BecomesAnIncident(string deadline)
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("user-task-due-dates");

        // Act
        var instance = await h.StartAsync(key, new Dictionary<string, object?> { ["deadline"] = deadline });

        // Assert: the task is not created, the token waits with an incident a person can retry; the other branches go on.
        Assert.Equal(InstanceStates.Failed, instance.State);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("byExpression", incident.ActivityId);
        Assert.Equal(TaskDueDate.InvalidCode, incident.Code);
        Assert.Contains(deadline, incident.Message, StringComparison.Ordinal);
        var tasks = await h.TasksAsync(instance.Id);
        Assert.DoesNotContain(tasks, t => t.ActivityId == "byExpression");
        Assert.Equal(3, tasks.Count);
    }

    [Fact]
    public async Task Issue16_DueDate_Retried_WithAFixedVariable_CreatesTheTask()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("user-task-due-dates");
        var failed = await h.StartAsync(key, new Dictionary<string, object?> { ["deadline"] = "soon" });

        await h.Engine.RetryIncidentAsync(failed.Id, Assert.Single(failed.Incidents).Id,
            new Dictionary<string, object?> { ["deadline"] = "2027-02-01" }, Commands.CommandContext.Anonymous, CancellationToken.None);

        var task = (await h.TasksAsync(failed.Id)).Single(t => t.ActivityId == "byExpression");
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), task.DueAt);
        Assert.Equal(TaskStates.Open, task.State);
    }
}
