using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary>Instance modification through the engine's command path, on a real SQLite file.</summary>
public sealed class ModificationTests
{
    private static readonly Dictionary<string, object?> NoVariables = new();

    [Fact]
    public async Task StartBefore_AndCancel_MoveTheInstanceByHand_AndAreRecorded()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("two-tasks");
        var instance = await h.StartAsync(key);
        var atA = Assert.Single(instance.Tokens);

        // Act: jump ahead to "Second" and drop "First".
        await Modify(h, instance.Id, [new StartBeforeActivity("b"), new CancelActivityInstance(atA.Id)], new() { ["reason"] = "skipped by hand" });

        // Assert
        var modified = await h.InstanceAsync(instance.Id);
        Assert.Equal("b", Assert.Single(modified.Tokens).ActivityId);
        Assert.Equal("skipped by hand", modified.Variables["reason"]);
        var tasks = await h.TasksAsync(instance.Id);
        Assert.Equal(TaskStates.Cancelled, tasks.Single(t => t.ActivityId == "a").State);
        await h.CompleteAsync(tasks.Single(t => t.ActivityId == "b"));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Type == "instance-modified" && e.DataJson!.Contains("startBeforeActivity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAfter_PutsTheTokenOnTheOneOutgoingFlow()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("two-tasks");
        var instance = await h.StartAsync(key);

        await Modify(h, instance.Id, [new StartAfterActivity("a")]);

        var modified = await h.InstanceAsync(instance.Id);
        Assert.Equal(["a", "b"], modified.Tokens.Select(t => t.ActivityId).Order());
    }

    [Fact]
    public async Task CancellingTheLastActivity_TerminatesTheInstance()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("two-tasks");
        var instance = await h.StartAsync(key);

        await Modify(h, instance.Id, [new CancelActivityInstance(instance.Tokens[0].Id)]);

        var ended = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Terminated, ended.State);
        Assert.Equal(TaskStates.Cancelled, Assert.Single(await h.TasksAsync(instance.Id)).State);
    }

    [Fact]
    public async Task StartInsideASubProcessWithNoActiveInstance_IsRefused_AndNothingChanges()
    {
        // Arrange: the instance waits at "After", past the subprocess.
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("subprocess-scope");
        var instance = await h.StartAsync(key);
        await h.CompleteAsync((await h.TasksAsync(instance.Id)).Single(t => t.ActivityId == "inner"));
        var before = await h.InstanceAsync(instance.Id);

        // Act
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            Modify(h, instance.Id, [new StartBeforeActivity("after"), new StartBeforeActivity("inner")]));

        // Assert
        Assert.Equal("MODIFICATION_INVALID", refused.Code);
        Assert.Contains("Inner work", refused.Message, StringComparison.Ordinal);
        Assert.Equal("activityId", Assert.Single(refused.Errors).Field);
        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(["after"], after.Tokens.Select(t => t.ActivityId));
    }

    [Fact]
    public async Task StartInsideAnActiveSubProcess_RunsInItsScope_AndUnknownThingsAreRefused()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("subprocess-scope");
        var instance = await h.StartAsync(key);

        await Modify(h, instance.Id, [new StartBeforeActivity("inner")]);
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => Modify(h, instance.Id, [new StartBeforeActivity("nowhere")]));
        var gone = await Assert.ThrowsAsync<ValidationException>(() => Modify(h, instance.Id, [new CancelActivityInstance("999")]));

        var modified = await h.InstanceAsync(instance.Id);
        var scope = modified.Tokens.Single(t => t.ActivityId == "sub");
        Assert.Equal(2, modified.Tokens.Count(t => t.ActivityId == "inner" && t.ScopeId == scope.Id));
        Assert.Equal("activityId", Assert.Single(unknown.Errors).Field);
        Assert.Equal("activityInstanceId", Assert.Single(gone.Errors).Field);
    }

    [Fact]
    public async Task CancellingAFailedActivity_ClosesItsIncident_AndTheInstanceRunsAgain()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("script-needs-input");
        var failed = await h.StartAsync(key);

        await Modify(h, failed.Id, [new CancelActivityInstance(failed.Tokens[0].Id), new StartBeforeActivity("end")]);

        var instance = await h.InstanceAsync(failed.Id);
        Assert.Empty(instance.Incidents);
        Assert.Equal(InstanceStates.Completed, instance.State);
    }

    private static Task<CommandOutcome> Modify(EngineHarness h, string id, IReadOnlyList<Modification> instructions, Dictionary<string, object?>? variables = null) =>
        h.Engine.ModifyInstanceAsync(id, instructions, variables ?? NoVariables, CommandContext.Anonymous, CancellationToken.None);
}
