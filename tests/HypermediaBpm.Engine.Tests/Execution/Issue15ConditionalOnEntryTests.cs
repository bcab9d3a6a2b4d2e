using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Tests.Support;

namespace HypermediaBpm.Engine.Tests.Execution;

/// <summary>
/// Conditional events evaluated when their activity or scope is entered (Camunda 7: "the condition is evaluated when the
/// activity/scope is instantiated"), on a real SQLite file with the engine reopened between the steps: a condition
/// already true fires at once; one false on entry fires when a later change makes it true.
/// </summary>
public sealed class Issue15ConditionalOnEntryTests
{
    [Fact]
    public async Task Issue15_InterruptingConditionalBoundary_TrueOnEntry_WithdrawsTheActivityAtOnce()
    {
        await using var h = await EngineHarness.CreateAsync();

        var instance = await h.StartAsync(await h.DeployAsync("conditional-boundary"), Vars("status", "cancelled"));
        await h.ReopenAsync();

        await h.OpenTaskAsync(instance.Id, "cleanUp");
        Assert.DoesNotContain(await h.TasksAsync(instance.Id), t => t.ActivityId == "work" && TaskStates.IsActive(t.State));
        Assert.DoesNotContain((await h.InstanceAsync(instance.Id)).Tokens, t => t.ActivityId == "work");
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.ActivityId == "cancelled");
    }

    [Fact]
    public async Task Issue15_NonInterruptingConditionalBoundary_TrueOnEntry_StartsBesideTheActivity()
    {
        await using var h = await EngineHarness.CreateAsync();

        var instance = await h.StartAsync(await h.DeployAsync("conditional-boundary"), Vars("status", "late"));
        await h.ReopenAsync();

        await h.OpenTaskAsync(instance.Id, "reminder");
        await h.OpenTaskAsync(instance.Id, "work");
    }

    [Fact]
    public async Task Issue15_ConditionalBoundary_FalseOnEntry_FiresOnlyWhenAChangeMakesItTrue()
    {
        await using var h = await EngineHarness.CreateAsync();
        var instance = await h.StartAsync(await h.DeployAsync("conditional-boundary"), Vars("status", "ok"));
        await h.ReopenAsync();
        Assert.DoesNotContain(await h.TasksAsync(instance.Id), t => t.ActivityId is "cleanUp" or "reminder");
        await h.OpenTaskAsync(instance.Id, "work");

        await h.Engine.ModifyInstanceAsync(instance.Id, [], Vars("status", "cancelled"), CommandContext.Anonymous, CancellationToken.None);
        await h.ReopenAsync();

        await h.OpenTaskAsync(instance.Id, "cleanUp");
        Assert.Equal(TaskStates.Cancelled, Assert.Single(await h.TasksAsync(instance.Id), t => t.ActivityId == "work").State);
    }

    [Fact]
    public async Task Issue15_ConditionalEventSubprocessStart_TrueWhenItsScopeIsEntered_InterruptsItAtOnce()
    {
        await using var h = await EngineHarness.CreateAsync();

        var instance = await h.StartAsync(await h.DeployAsync("conditional-event-subprocess"), Vars("fraud", true));
        await h.ReopenAsync();

        var tasks = await h.TasksAsync(instance.Id);
        Assert.DoesNotContain(tasks, t => t.ActivityId is "pack" or "invoice" && TaskStates.IsActive(t.State));
        await h.CompleteAsync(await h.OpenTaskAsync(instance.Id, "investigate"));
        await h.ReopenAsync();

        Assert.Equal(InstanceStates.Completed, (await h.InstanceAsync(instance.Id)).State);
    }

    [Fact]
    public async Task Issue15_ProcessLevelConditionalEventSubprocess_TrueAtStart_RunsBesideTheProcess_FalseAtStartWaitsForAChange()
    {
        await using var h = await EngineHarness.CreateAsync();
        var key = await h.DeployAsync("conditional-process-event-subprocess");

        var urgent = await h.StartAsync(key, Vars("urgent", true));
        var calm = await h.StartAsync(key, Vars("urgent", false));
        await h.ReopenAsync();

        await h.OpenTaskAsync(urgent.Id, "escalate");
        await h.OpenTaskAsync(urgent.Id, "handle");
        Assert.DoesNotContain(await h.TasksAsync(calm.Id), t => t.ActivityId == "escalate");

        await h.Engine.ModifyInstanceAsync(calm.Id, [], Vars("urgent", true), CommandContext.Anonymous, CancellationToken.None);
        await h.ReopenAsync();

        await h.OpenTaskAsync(calm.Id, "escalate");
        await h.OpenTaskAsync(calm.Id, "handle");
    }

    /// <summary>
    /// The rendering corpus's B.2.0: its process (the first in the file, as neither is marked executable) starts on an empty conditional start event of the
    /// process itself (nothing would ever evaluate it), has a sequential multi-instance task without cardinality or
    /// collection and a message boundary whose message has no name; as executable it is refused with those three,
    /// located. (Its conditional boundary and catch sit in the second process, which the engine does not deploy.) For
    /// documentation only it deploys, and nothing can start it.
    /// </summary>
    [Fact]
    public async Task Issue15_MiwgB20_RefusedAsExecutableForItsEmptyConditions_DeploysForDocumentationOnly()
    {
        await using var h = await EngineHarness.CreateAsync();
        var xml = await File.ReadAllTextAsync(Path.Combine(HypermediaBpm.Testing.Corpus.Root, "render", "miwg-B.2.0.bpmn"));

        var refused = await Assert.ThrowsAsync<Errors.ValidationException>(() => h.Engine.DeployAsync(xml, null, null, null, CancellationToken.None));
        Assert.Equal(
            [
                ("UNSUPPORTED_ELEMENT", "_cba8fbed-2bb6-40a9-8ac5-83e827ce9d9f"),
                ("LOOP_EXPRESSION_INVALID", "_c57a5344-213f-4834-a6c3-94ce878b413c"),
                ("UNSUPPORTED_ELEMENT", "_86b052b4-225c-424e-b900-bb94bdd77cec"),
            ],
            refused.Errors.Select(e => (e.Code, e.Element)));
        Assert.All(refused.Errors, e => Assert.True(e.Line > 0 && e.Column > 0));
        Assert.Contains("conditionalEventDefinition start event", refused.Errors[0].Message, StringComparison.Ordinal);

        var documentation = await h.Engine.DeployAsync(Bpmn.Parsing.BpmnSource.FromText(xml), "B.2.0", null, null, executable: false, CancellationToken.None);
        var notStarted = await Assert.ThrowsAsync<Errors.InvalidStateException>(() => h.StartAsync(documentation.Key));
        Assert.Equal(ProcessEngine.NotExecutableCode, notStarted.Code);
    }

    private static Dictionary<string, object?> Vars(string name, object? value) => new() { [name] = value };
}
