using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary>
/// The complex gateway on a real SQLite file, with the engine reopened between the steps: its activationCondition
/// (with <c>activationCount</c>), firing once per round, absorbing the tokens still expected, and its reset.
/// </summary>
public sealed class Issue15ComplexGatewayTests
{
    [Fact]
    public async Task Issue15_ActivationCondition_FiresOnceTwoOfThreeArrived_AndAbsorbsTheThird()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("complex-gateway"));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "a"));
        await h.ReopenAsync();

        // One token is not enough: it waits at the gateway.
        Assert.DoesNotContain(await h.TasksAsync(instance.Id), t => t.ActivityId == "after");
        Assert.Contains((await h.InstanceAsync(instance.Id)).Tokens, t => t.ActivityId == "twoOfThree" && t.State == TokenState.Joining);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "b"));
        await h.ReopenAsync();
        var fired = await h.InstanceAsync(instance.Id);
        Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "after");
        var reset = Assert.Single(fired.Tokens, t => t.ActivityId == "twoOfThree");
        Assert.Equal((TokenState.Joining, 2L), (reset.State, reset.Variables!["activationCount"]));

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "c"));
        await h.ReopenAsync();

        // The third token is absorbed without firing again, and the gateway resets.
        Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "after");
        Assert.DoesNotContain((await h.InstanceAsync(instance.Id)).Tokens, t => t.ActivityId == "twoOfThree");
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "after"));
        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task Issue15_AfterItsReset_TheGatewayFiresAgainInTheNextRound_AndAnEarlyTokenOfThatRoundWaits()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("complex-gateway-rounds"), new Dictionary<string, object?> { ["round"] = 1L });

        // Round 1 fires on its first token and loops back: a second a and b start while round 1's b is still open.
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "a"));
        await h.ReopenAsync();
        Assert.Equal(2, (await h.TasksAsync(instance.Id)).Count(t => t.ActivityId == "b" && TaskStates.IsActive(t.State)));
        var secondA = await h.OpenTaskAsync(instance.Id, "a");

        // Round 2's a arrives on a flow that delivered in round 1: it waits for the reset instead of being absorbed.
        await h.CompleteAsync(secondA);
        await h.ReopenAsync();
        Assert.Equal(2, (await h.InstanceAsync(instance.Id)).Tokens.Count(t => t.ActivityId == "first" && t.State == TokenState.Joining));
        Assert.Equal(1, await PassesAsync(h, instance.Id, "again"));

        // Round 1's b resets the gateway; round 2 then fires with the waiting a and leaves (round 2: no more loops).
        var firstB = (await h.TasksAsync(instance.Id)).Where(t => t.ActivityId == "b" && TaskStates.IsActive(t.State)).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).First();
        await h.CompleteAsync(firstB, new Dictionary<string, object?> { ["round"] = 2L });
        await h.ReopenAsync();
        Assert.Equal(2, await PassesAsync(h, instance.Id, "again"));
        Assert.Equal(InstanceStates.Running, (await h.InstanceAsync(instance.Id)).State);

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "b"));

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStates.Completed, done.State);
        Assert.Equal(2, await PassesAsync(h, instance.Id, "again"));
    }

    [Fact]
    public async Task Issue15_WithoutActivationCondition_WaitsForEveryTokenThatCanArrive_ThenSplitsByConditions()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("complex-gateway-no-condition"), new Dictionary<string, object?> { ["rush"] = true });
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "a"));
        await h.ReopenAsync();
        Assert.DoesNotContain(await h.TasksAsync(instance.Id), t => t.ActivityId is "express" or "standard");

        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "b"));

        Assert.Equal("express", Assert.Single(await h.TasksAsync(instance.Id), t => TaskStates.IsActive(t.State)).ActivityId);
        Assert.DoesNotContain((await h.InstanceAsync(instance.Id)).Tokens, t => t.ActivityId == "all");
    }

    [Fact]
    public async Task Issue15_ActivationConditionThatDoesNotParse_IsRefusedAtDeploy()
    {
        await using var h = await EngineHarness.CreateAsync();
        var xml = EngineHarness.Fixture("complex-gateway").Replace("${activationCount &gt;= 2}", "${activationCount &gt;= }", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<Errors.ValidationException>(() => h.Engine.DeployAsync(xml, null, null, null, CancellationToken.None));

        Assert.Equal("twoOfThree", Assert.Single(error.Errors).Element);
    }

    private static async Task<int> PassesAsync(EngineHarness h, string instanceId, string activityId) =>
        (await h.HistoryAsync(instanceId)).Count(e => e.ActivityId == activityId && e.Type is HistoryTypes.ActivityPassed or HistoryTypes.ActivityCompleted);
}
