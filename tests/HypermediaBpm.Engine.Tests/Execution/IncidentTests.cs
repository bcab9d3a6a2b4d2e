using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Scripting;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

public sealed class IncidentTests
{
    [Fact]
    public async Task ScriptThatThrows_BecomesIncidentAndInstanceIsSaved()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("script-error");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Failed, instance.State);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("script", incident.ActivityId);
        Assert.StartsWith("SCRIPT_", incident.Code);
        Assert.Contains("boom", incident.Message);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Type == "incident-created");
    }

    [Fact]
    public async Task ScriptThatNeverEnds_IsStoppedByTheSandbox()
    {
        await using var h = await EngineHarness.CreateAsync(new ScriptLimits(TimeSpan.FromMilliseconds(200), 50_000, 32));
        var key = await h.DeployAsync("script-infinite-loop");

        var instance = await h.StartAsync(key);

        Assert.Equal(InstanceStates.Failed, instance.State);
        Assert.Contains(Assert.Single(instance.Incidents).Code, new[] { "SCRIPT_TIMEOUT", "SCRIPT_STATEMENT_LIMIT" });
    }
}
