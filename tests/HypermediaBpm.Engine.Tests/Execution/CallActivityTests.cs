using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class CallActivityTests
{
    [Fact]
    public async Task CallAndReturn_MapsInAndOut_AndTheChildIsARealInstance()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-task");
        var key = await h.DeployAsync("call-parent");

        var outcome = await h.Engine.StartAsync(key, null, "INV-7", Vars(("amount", 20L), ("reviewer", "demo"), ("secret", "s")), false, CommandContext.Anonymous, CancellationToken.None);
        var parent = await h.InstanceAsync(outcome.InstanceId);

        var child = Assert.Single(await ChildrenAsync(h, parent.Id));
        var waiting = Assert.Single(parent.Tokens);
        Assert.Equal(("call", child.Id), (waiting.ActivityId, waiting.CalledInstanceId));
        Assert.Equal(new ParentReference(parent.Id, waiting.Id, "call"), child.Parent);
        Assert.Equal(("call-child-task", "INV-7"), (child.ProcessKey, child.BusinessKey));
        var childInstance = await h.InstanceAsync(child.Id);
        Assert.Equal(new Dictionary<string, object?> { ["amount"] = 20L, ["reviewer"] = "demo", ["next"] = 21L }, childInstance.Variables);
        var task = await h.OpenTaskAsync(child.Id, "review");
        Assert.Equal("demo", task.Assignee);
        Assert.Empty(await h.TasksAsync(parent.Id));

        await h.CompleteAsync(task, Vars(("approved", true)));

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(child.Id)).State);
        parent = await h.InstanceAsync(parent.Id);
        Assert.Equal("after", Assert.Single(parent.Tokens).ActivityId);
        Assert.Equal(true, parent.Variables["approved"]);
        Assert.Equal(40L, parent.Variables["doubled"]);
        Assert.False(parent.Variables.ContainsKey("next"));
        Assert.Contains(await h.HistoryAsync(parent.Id), e => e.Type == HistoryTypes.CallStarted && e.DataJson!.Contains(child.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChildThatNeverWaits_CompletesAndReturnsInTheSameCommand()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-immediate");
        var key = await h.DeployAsync("call-immediate");

        var parent = await h.StartAsync(key, Vars(("amount", 4L)));

        Assert.Equal(InstanceStates.Completed, parent.State);
        Assert.Equal(8L, parent.Variables["doubled"]);
        var child = Assert.Single(await ChildrenAsync(h, parent.Id));
        Assert.Equal(InstanceStates.Completed, child.State);
        Assert.Equal(4L, (await h.InstanceAsync(child.Id)).Variables["amount"]);
        Assert.Equal(1, parent.Revision);
        Assert.Equal(1, child.Revision);
    }

    [Fact]
    public async Task NestedTwoLevels_GrandchildCompletingContinuesTheGrandparent()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-task");
        await h.DeployAsync("call-middle");
        var key = await h.DeployAsync("call-top");
        var top = await h.StartAsync(key, Vars(("reviewer", "ann")));
        var middle = Assert.Single(await ChildrenAsync(h, top.Id));
        var bottom = Assert.Single(await ChildrenAsync(h, middle.Id));

        await h.CompleteAsync(await h.OpenTaskAsync(bottom.Id, "review"), Vars(("verdict", "ok")));

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(bottom.Id)).State);
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(middle.Id)).State);
        top = await h.InstanceAsync(top.Id);
        Assert.Equal("done", Assert.Single(top.Tokens).ActivityId);
        Assert.Equal("ok", top.Variables["verdict"]);
        Assert.Equal(2, top.Revision);
    }

    [Fact]
    public async Task CancelParent_CancelsChildrenRecursively_AndTheirTasks()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-task");
        await h.DeployAsync("call-middle");
        var top = await h.StartAsync(await h.DeployAsync("call-top"), Vars(("reviewer", "ann")));
        var middle = Assert.Single(await ChildrenAsync(h, top.Id));
        var bottom = Assert.Single(await ChildrenAsync(h, middle.Id));
        var task = await h.OpenTaskAsync(bottom.Id, "review");

        await h.Engine.CancelAsync(top.Id, CommandContext.Anonymous, CancellationToken.None);

        Assert.Equal(InstanceStates.Terminated, (await h.InstanceAsync(top.Id)).State);
        Assert.Equal(InstanceStates.Terminated, (await h.InstanceAsync(middle.Id)).State);
        Assert.Equal(InstanceStates.Terminated, (await h.InstanceAsync(bottom.Id)).State);
        Assert.Equal(TaskStates.Cancelled, (await h.Engine.GetTaskAsync(task.Id, CancellationToken.None)).State);
    }

    [Fact]
    public async Task CancelChildOnItsOwn_LeavesAnIncidentOnTheCallActivity()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-task");
        var parent = await h.StartAsync(await h.DeployAsync("call-parent"), Vars(("amount", 1L), ("reviewer", "ann")));
        var child = Assert.Single(await ChildrenAsync(h, parent.Id));

        await h.Engine.CancelAsync(child.Id, CommandContext.Anonymous, CancellationToken.None);

        parent = await h.InstanceAsync(parent.Id);
        Assert.Equal(InstanceStates.Failed, parent.State);
        Assert.Equal(("call", "CALLED_INSTANCE_CANCELLED"), (Assert.Single(parent.Incidents).ActivityId, parent.Incidents[0].Code));
    }

    [Fact]
    public async Task UnknownKeyAtRunTime_IsAnIncidentOnTheCallActivity()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("call-by-expression");

        var parent = await h.StartAsync(key, Vars(("target", "not-deployed")));

        Assert.Equal(InstanceStates.Failed, parent.State);
        var incident = Assert.Single(parent.Incidents);
        Assert.Equal(("call", "CALLED_PROCESS_NOT_FOUND"), (incident.ActivityId, incident.Code));
        Assert.Contains("not-deployed", incident.Message, StringComparison.Ordinal);
        Assert.Empty(await ChildrenAsync(h, parent.Id));
    }

    [Fact]
    public async Task CalledElementExpression_CallsTheProcessItNames()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-immediate");

        var parent = await h.StartAsync(await h.DeployAsync("call-by-expression"), Vars(("target", "call-child-immediate")));

        Assert.Equal(InstanceStates.Completed, parent.State);
        Assert.Equal("call-child-immediate", Assert.Single(await ChildrenAsync(h, parent.Id)).ProcessKey);
    }

    [Fact]
    public async Task BindingVersion_CallsThatVersion_NotTheLatest()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-task");
        await h.DeployAsync("call-child-task");
        var key = await h.DeployAsync("call-version");

        var parent = await h.StartAsync(key, Vars(("reviewer", "ann")));

        var child = Assert.Single(await ChildrenAsync(h, parent.Id));
        Assert.Equal(1, child.ProcessVersion);
        Assert.Equal(2, (await h.Engine.GetLatestDefinitionAsync("call-child-task", CancellationToken.None)).Version);
    }

    [Fact]
    public async Task BindingDeployment_CallsTheVersionDeployedWithOrBeforeTheCaller()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-task");
        var key = await h.DeployAsync("call-deployment");
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.DeployAsync("call-child-task");

        var parent = await h.StartAsync(key, Vars(("reviewer", "ann")));

        Assert.Equal(1, Assert.Single(await ChildrenAsync(h, parent.Id)).ProcessVersion);
    }

    [Fact]
    public async Task MultiInstanceCall_StartsOneChildPerElement_AndGoesOnWhenAllAreDone()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-task");
        var parent = await h.StartAsync(await h.DeployAsync("call-multi-instance"), Vars(("reviewers", new List<object?> { "ann", "bob" })));
        var children = await ChildrenAsync(h, parent.Id);
        Assert.Equal(2, children.Count);
        var tasks = new List<TaskRecord>();
        foreach (var child in children)
        {
            tasks.Add(Assert.Single(await h.TasksAsync(child.Id)));
        }

        Assert.Equal(["ann", "bob"], tasks.Select(t => t.Assignee).Order());

        await h.CompleteAsync(tasks[0]);
        Assert.DoesNotContain((await h.InstanceAsync(parent.Id)).Tokens, t => t.ActivityId == "after");
        await h.CompleteAsync(tasks[1]);

        Assert.Equal("after", Assert.Single((await h.InstanceAsync(parent.Id)).Tokens).ActivityId);
    }

    [Fact]
    public async Task TwoChildrenCompletingAtOnce_BothCountOnTheParent()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-task");
        var (second, secondStore) = await h.OpenSecondAsync();
        await using var _ = secondStore;
        var parent = await h.StartAsync(await h.DeployAsync("call-multi-instance"), Vars(("reviewers", new List<object?> { "ann", "bob" })));
        var tasks = new List<TaskRecord>();
        foreach (var child in await ChildrenAsync(h, parent.Id))
        {
            tasks.Add(Assert.Single(await h.TasksAsync(child.Id)));
        }

        // Two server processes, each completing one child's task: both commands write the parent.
        await Task.WhenAll(
            Task.Run(() => h.CompleteAsync(tasks[0])),
            Task.Run(() => second.CompleteTaskAsync(tasks[1].Id, new Dictionary<string, object?>(), false, CommandContext.Anonymous, CancellationToken.None)));

        var after = await h.InstanceAsync(parent.Id);
        Assert.Equal("after", Assert.Single(after.Tokens).ActivityId);
        Assert.All(await ChildrenAsync(h, parent.Id), c => Assert.Equal(InstanceStates.Completed, c.State));
        Assert.Equal(3, after.Revision); // started, then written once by each completion: neither overwrote the other
    }

    [Fact]
    public async Task ChildErrorNobodyCatches_GoesToTheCallActivitysBoundaryEvent()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-error");

        var parent = await h.StartAsync(await h.DeployAsync("call-error-boundary"));

        Assert.Equal("handle", Assert.Single(parent.Tokens).ActivityId);
        Assert.Equal("REJECTED", parent.Variables["code"]);
        var child = Assert.Single(await ChildrenAsync(h, parent.Id));
        Assert.Equal(InstanceStates.Terminated, child.State);
        Assert.Contains(await h.HistoryAsync(child.Id), e => e.Type == HistoryTypes.ErrorThrownToCaller);
    }

    [Fact]
    public async Task ChildIncident_StaysInTheChild_AndTheParentWaits()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-error");

        // Called without a parent, the same error is an incident of its own.
        var alone = await h.StartAsync("call-child-error");
        Assert.Equal("UNCAUGHT_ERROR", Assert.Single(alone.Incidents).Code);

        await h.DeployAsync("call-child-task");
        var parent = await h.StartAsync(await h.DeployAsync("call-by-expression"), Vars(("target", "call-child-task")));
        var child = Assert.Single(await ChildrenAsync(h, parent.Id));
        Assert.Equal(InstanceStates.Failed, child.State); // ${reviewer} is unknown: the user task fails
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(parent.Id)).State);
        Assert.Equal("call", Assert.Single((await h.InstanceAsync(parent.Id)).Tokens).ActivityId);
    }

    [Fact]
    public async Task ZeebeCall_PassesEverythingBothWays_PlusItsInputMappings()
    {
        await using var h = await EngineHarness.CreateAsync();
        await h.DeployAsync("call-child-immediate");

        var parent = await h.StartAsync(await h.DeployAsync("call-zeebe"), Vars(("target", "call-child-immediate"), ("amount", 3L)));

        Assert.Equal(InstanceStates.Completed, parent.State);
        var child = await h.InstanceAsync(Assert.Single(await ChildrenAsync(h, parent.Id)).Id);
        Assert.Equal(30L, child.Variables["scaled"]);
        Assert.Equal(3L, child.Variables["amount"]);
        Assert.Equal(30L, parent.Variables["scaled"]);
    }

    [Fact]
    public async Task LiteralKeyNotDeployed_IsAcceptedAtDeployTime()
    {
        await using var h = await EngineHarness.CreateAsync();

        var key = await h.DeployAsync("call-parent");

        Assert.Equal("call-parent", key);
    }

    private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static async Task<IReadOnlyList<InstanceSummary>> ChildrenAsync(EngineHarness h, string parentId) =>
        (await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(100), ParentInstanceId: parentId), CancellationToken.None)).Items;
}
