using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary>
/// Conditional events on a real SQLite file, with the engine reopened between the steps: an intermediate catch, an
/// interrupting and a non-interrupting boundary event and an event subprocess's start, each re-evaluated when
/// variables change.
/// </summary>
public sealed class Issue15ConditionalEventTests
{
    [Fact]
    public async Task Issue15_ConditionalCatch_WaitsUntilAnotherPathMakesItsConditionTrue()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("conditional-catch"), new Dictionary<string, object?> { ["approved"] = false });
        await h.ReopenAsync();
        Assert.Contains((await h.InstanceAsync(instance.Id)).Tokens, t => t.ActivityId == "untilApproved" && t.State == TokenState.Waiting);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "approve"), new Dictionary<string, object?> { ["approved"] = true });
        await h.ReopenAsync();

        await h.OpenTaskAsync(instance.Id, "ship");
        Assert.DoesNotContain((await h.InstanceAsync(instance.Id)).Tokens, t => t.ActivityId == "untilApproved");
    }

    [Fact]
    public async Task Issue15_ConditionalCatch_WhoseConditionHoldsOnArrival_PassesAtOnce()
    {
        await using var h = await EngineHarness.CreateAsync();

        var instance = await h.StartAsync(await h.DeployAsync("conditional-catch"), new Dictionary<string, object?> { ["approved"] = true });

        await h.OpenTaskAsync(instance.Id, "ship");
    }

    [Fact]
    public async Task Issue15_ConditionalBoundary_NonInterruptingFiresBeside_InterruptingWithdrawsTheActivity()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("conditional-boundary"), new Dictionary<string, object?> { ["status"] = "ok" });
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "monitor"), new Dictionary<string, object?> { ["status"] = "late" });
        await h.ReopenAsync();

        // Late: a reminder starts beside the work, which goes on.
        await h.OpenTaskAsync(instance.Id, "reminder");
        await h.OpenTaskAsync(instance.Id, "work");

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "monitor"), new Dictionary<string, object?> { ["status"] = "cancelled" });
        await h.ReopenAsync();

        // Cancelled: the work is withdrawn and the clean-up runs.
        var tasks = await h.TasksAsync(instance.Id);
        Assert.Equal(TaskStates.Cancelled, Assert.Single(tasks, t => t.ActivityId == "work").State);
        await h.OpenTaskAsync(instance.Id, "cleanUp");
        Assert.Single(tasks, t => t.ActivityId == "reminder");
    }

    [Fact]
    public async Task Issue15_ConditionalEventSubprocessStart_InterruptsItsScopeWhenItsConditionBecomesTrue()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("conditional-event-subprocess"), new Dictionary<string, object?> { ["fraud"] = false });
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "pack"));
        await h.ReopenAsync();
        Assert.DoesNotContain(await h.TasksAsync(instance.Id), t => t.ActivityId == "investigate");

        await h.Engine.ModifyInstanceAsync(instance.Id, [], new Dictionary<string, object?> { ["fraud"] = true }, Commands.CommandContext.Anonymous, CancellationToken.None);
        await h.ReopenAsync();

        Assert.Equal(TaskStates.Cancelled, Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "invoice").State);
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "investigate"));
        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.ActivityId == "order" && e.Type == HistoryTypes.ActivityCompleted);
    }

    [Fact]
    public async Task Issue15_ConditionThatDoesNotParse_IsRefusedAtDeploy()
    {
        await using var h = await EngineHarness.CreateAsync();
        var xml = EngineHarness.Fixture("conditional-catch").Replace("${approved == true}", "${approved == }", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<Errors.ValidationException>(() => h.Engine.DeployAsync(xml, null, null, null, CancellationToken.None));

        Assert.Equal("untilApproved", Assert.Single(error.Errors).Element);
    }
}
