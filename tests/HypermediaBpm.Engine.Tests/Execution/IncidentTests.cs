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

    [Fact]
    public async Task Retry_WithTheFixedVariable_ReplaysTheFailedStep_AndTheInstanceGoesOn()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("script-needs-input");
        var failed = await h.StartAsync(key);
        var first = Assert.Single(failed.Incidents);

        // Act: a retry without the fix fails again (a new incident); with it, the step runs and the instance completes.
        var again = await h.Engine.RetryIncidentAsync(failed.Id, first.Id, new Dictionary<string, object?>(), Commands.CommandContext.Anonymous, CancellationToken.None);
        var second = Assert.Single(again.Instance!.Incidents);
        var done = await h.Engine.RetryIncidentAsync(failed.Id, second.Id, new Dictionary<string, object?> { ["input"] = 21L }, Commands.CommandContext.Anonymous, CancellationToken.None);

        // Assert
        Assert.NotEqual(first.Id, second.Id);
        var instance = await h.InstanceAsync(failed.Id);
        Assert.Equal(InstanceStates.Completed, instance.State);
        Assert.Empty(instance.Incidents);
        Assert.Equal(42L, Convert.ToInt64(instance.Variables["doubled"], System.Globalization.CultureInfo.InvariantCulture));
        var history = await h.HistoryAsync(failed.Id);
        Assert.Equal(2, history.Count(e => e.Type == "incident-retried"));
        Assert.Equal(2, history.Count(e => e.Type == "incident-created"));
        Assert.Equal(InstanceStates.Completed, done.Instance!.State);
    }

    [Fact]
    public async Task Resolve_GivesUpOnTheStep_AndTheInstanceGoesOnWithoutIt()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("script-needs-input");
        var failed = await h.StartAsync(key);

        // Act
        await h.Engine.ResolveIncidentAsync(failed.Id, Assert.Single(failed.Incidents).Id, new Dictionary<string, object?>(), Commands.CommandContext.Anonymous, CancellationToken.None);

        // Assert
        var instance = await h.InstanceAsync(failed.Id);
        Assert.Equal(InstanceStates.Completed, instance.State);
        Assert.False(instance.Variables.ContainsKey("doubled"));
        var history = await h.HistoryAsync(failed.Id);
        Assert.Contains(history, e => e.Type == "incident-resolved" && e.ActivityId == "double");
        Assert.Contains(history, e => e.Type == "activity-completed" && e.ActivityId == "end" || e.Type == "activity-passed" && e.ActivityId == "end");
    }

    [Fact]
    public async Task Retry_OfASuspendedInstance_IsAWrongState_AndOfAnUnknownIncident_NotFound()
    {
        // Arrange
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("script-needs-input");
        var failed = await h.StartAsync(key);
        var incident = Assert.Single(failed.Incidents);
        await h.Engine.SuspendAsync(failed.Id, Commands.CommandContext.Anonymous, CancellationToken.None);
        var none = new Dictionary<string, object?>();

        // Act / Assert
        var suspended = await Assert.ThrowsAsync<Errors.InvalidStateException>(() => h.Engine.RetryIncidentAsync(failed.Id, incident.Id, none, Commands.CommandContext.Anonymous, CancellationToken.None));
        Assert.Equal("INSTANCE_SUSPENDED", suspended.Code);
        Assert.Equal(InstanceStates.Suspended, (await h.InstanceAsync(failed.Id)).State);
        await h.Engine.ResumeAsync(failed.Id, Commands.CommandContext.Anonymous, CancellationToken.None);
        var unknown = await Assert.ThrowsAsync<Errors.NotFoundException>(() => h.Engine.ResolveIncidentAsync(failed.Id, "nope", none, Commands.CommandContext.Anonymous, CancellationToken.None));
        Assert.Equal("INCIDENT_NOT_FOUND", unknown.Code);
    }
}
