using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary>
/// Issue 13, finding 5: no variable larger than <see cref="EngineOptions.MaxVariableBytes"/> is stored. From a
/// script it is an incident; from a request it is refused before anything runs.
/// </summary>
public sealed class Issue13VariableLimitTests
{
    private static readonly string TwoMebibytes = new('x', 2 * 1024 * 1024);

    [Fact]
    public async Task Issue13_ScriptSettingTwoMebibyteVariable_BecomesIncident_AndSetsNothing()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("script-large-variable");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Failed, instance.State);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal(VariableTooLargeException.TooLargeCode, incident.Code);
        Assert.Contains("'big'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("1048576 bytes", incident.Message, StringComparison.Ordinal);
        var stored = await h.InstanceAsync(instance.Id);
        Assert.False(stored.Variables.ContainsKey("big"));
        Assert.False(stored.Variables.ContainsKey("small"));
    }

    [Fact]
    public async Task Issue13_StartWithTwoMebibyteVariable_IsRefused_AndNoInstanceIsWritten()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("two-tasks");

        var error = await Assert.ThrowsAsync<VariableTooLargeException>(() => h.StartAsync(key, new Dictionary<string, object?> { ["big"] = TwoMebibytes }));

        Assert.Equal("big", error.Variable);
        Assert.Equal(EngineOptions.DefaultMaxVariableBytes, error.Limit);
        Assert.Equal(error.Variable, error.Context["variable"]);
        var instances = await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10)), CancellationToken.None);
        Assert.Empty(instances.Items);
    }

    [Fact]
    public async Task Issue13_CompleteTaskWithTwoMebibyteVariable_IsRefused_AndTheTaskStaysOpen()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("two-tasks"));
        var task = await h.OpenTaskAsync(instance.Id, "a");

        await Assert.ThrowsAsync<VariableTooLargeException>(() => h.CompleteAsync(task, new Dictionary<string, object?> { ["big"] = TwoMebibytes }));

        Assert.Equal(task.Id, (await h.OpenTaskAsync(instance.Id, "a")).Id);
        Assert.False((await h.InstanceAsync(instance.Id)).Variables.ContainsKey("big"));
    }

    [Fact]
    public async Task Issue13_MessageWithTwoMebibyteVariable_IsRefused_AndTheInstanceStillWaits()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("message-catch-key"), new Dictionary<string, object?> { ["orderId"] = "A-1" });

        await Assert.ThrowsAsync<VariableTooLargeException>(() => h.Engine.CorrelateMessageAsync(
            "order-paid", "A-1", new Dictionary<string, object?> { ["big"] = TwoMebibytes }, null, CancellationToken.None));

        Assert.Single(await h.Engine.GetSubscriptionsAsync(instance.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Issue13_ConfiguredLimit_IsHeldToTheByte()
    {
        await using var h = await EngineHarness.CreateAsync();
        var engine = new ProcessEngine(h.Store, new EngineOptions { Clock = h.Clock, MaxVariableBytes = 10 });
        var key = (await engine.DeployAsync(EngineHarness.Fixture("two-tasks"), null, null, null, CancellationToken.None)).Key;

        var fits = await engine.StartAsync(key, null, null, new Dictionary<string, object?> { ["s"] = "12345678" }, false, CommandContext.Anonymous, CancellationToken.None);
        var error = await Assert.ThrowsAsync<VariableTooLargeException>(() => engine.StartAsync(
            key, null, null, new Dictionary<string, object?> { ["s"] = "123456789" }, false, CommandContext.Anonymous, CancellationToken.None));

        Assert.Equal("12345678", fits.Instance!.Variables["s"]);
        Assert.Equal(10, error.Limit);
    }
}
