using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Scheduling;
using HypermediaBpm.Engine.Tests.Support;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Testing;

namespace HypermediaBpm.Engine.Tests.Conformance;

/// <summary>
/// The executable corpus run as its README says (<see cref="CorpusScenarios"/>): each scenario deploys the real file
/// into a real engine on a real SQLite file, drives it with tasks, jobs, messages, signals and a manual clock, and
/// checks the state, the path taken in the history, the variables and where tokens wait. A model that cannot run here
/// is in <see cref="CorpusScenarios.Excluded"/> with the reason, and is checked to be refused or documented.
/// </summary>
public sealed class CorpusConformanceTests
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in CorpusScenarios.All)
        {
            data.Add(scenario.File, scenario.Case);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task CorpusModel_RunsAsItsReadmeStates(string file, string @case)
    {
        var scenario = CorpusScenarios.All.Single(s => s.File == file && s.Case == @case);
        await using var h = await EngineHarness.CreateAsync();
        var scheduler = new TimerScheduler(h.Engine, h.Clock);
        foreach (var other in scenario.Deploy ?? [])
        {
            await h.DeployCorpusAsync(other);
        }

        var key = await h.DeployCorpusAsync(scenario.File);
        Assert.Equal(scenario.ProcessId, key);

        // Start.
        var instanceId = await StartAsync(h, scheduler, scenario);

        // Steps.
        foreach (var step in scenario.Steps)
        {
            await DoAsync(h, scheduler, instanceId, step);
        }

        // Outcome.
        var instance = await h.InstanceAsync(instanceId);
        var history = await h.HistoryAsync(instanceId);
        var context = $"{file} / {@case}: state {instance.State}, tokens [{string.Join(", ", instance.Tokens.Select(t => $"{t.ActivityId}:{t.State}"))}], incidents [{string.Join(", ", instance.Incidents.Select(i => i.Code + " " + i.Message))}]";
        Assert.True(scenario.Outcome.State == instance.State, context);
        var passed = history.Where(e => e.Type is HistoryTypes.ActivityCompleted or HistoryTypes.ActivityPassed && e.ActivityId is not null).Select(e => e.ActivityId!).ToHashSet();
        var entered = history.Where(e => e.ActivityId is not null && e.Type is HistoryTypes.ActivityStarted or HistoryTypes.ActivityPassed or HistoryTypes.ActivityCompleted)
            .Select(e => e.ActivityId!).ToHashSet();
        foreach (var reached in scenario.Outcome.Reached)
        {
            Assert.True(passed.Contains(reached), $"{context}: '{reached}' was not completed; completed: {string.Join(", ", passed.Order())}");
        }

        foreach (var notReached in scenario.Outcome.NotReached ?? [])
        {
            Assert.False(entered.Contains(notReached), $"{context}: '{notReached}' was entered");
        }

        foreach (var (name, expected) in scenario.Outcome.Variables ?? None)
        {
            Assert.True(instance.Variables.TryGetValue(name, out var actual), $"{context}: no variable '{name}'");
            Assert.Equal(Normalize(expected), Normalize(actual));
        }

        if (scenario.Outcome.WaitingAt is { } waiting)
        {
            Assert.Equal(waiting.Order(StringComparer.Ordinal), Waiting(instance, await h.Engine.GetDeployedAsync(instance.DefinitionId, CancellationToken.None)));
        }
    }

    [Fact]
    public void Excluded_EachSaysWhy_AndEveryExcludedFileIsNamedInTheSupportDocs()
    {
        var docs = File.ReadAllText(RepositoryPaths.Docs("bpmn-support.md"));
        foreach (var excluded in CorpusScenarios.Excluded)
        {
            Assert.False(string.IsNullOrWhiteSpace(excluded.Why));
            Assert.Contains(Path.GetFileNameWithoutExtension(excluded.File.Replace(".bpmn20", string.Empty, StringComparison.Ordinal)), docs, StringComparison.Ordinal);
        }
    }

    private static async Task<string> StartAsync(EngineHarness h, TimerScheduler scheduler, CorpusScenario scenario)
    {
        switch (scenario.Start)
        {
            case NoneStart none:
                return (await h.StartAsync(scenario.ProcessId, none.Variables ?? None)).Id;
            case MessageStart message:
                var correlation = await h.Engine.CorrelateMessageAsync(message.MessageName, null, message.Variables ?? None, null, CancellationToken.None);
                return Assert.Single(correlation.Started);
            case SignalStart signal:
                var broadcast = await h.Engine.BroadcastSignalAsync(signal.SignalName, None, CancellationToken.None);
                return Assert.Single(broadcast.Started);
            case TimerStart timer:
                h.Clock.Advance(timer.Advance);
                await scheduler.FireDueAsync(CancellationToken.None);
                var started = await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(10), ProcessKey: scenario.ProcessId), CancellationToken.None);
                return Assert.Single(started.Items).Id;
            default:
                throw new InvalidOperationException(scenario.Start.GetType().Name);
        }
    }

    private static async Task DoAsync(EngineHarness h, TimerScheduler scheduler, string instanceId, Step step)
    {
        switch (step)
        {
            case CompleteTask complete:
                await CompleteWaitingAsync(h, instanceId, complete.ActivityId, complete.Variables ?? None);
                break;
            case CompleteAllTasks all:
                var tasks = (await OpenTasksAsync(h, instanceId)).Where(t => t.ActivityId == all.ActivityId).ToList();
                Assert.NotEmpty(tasks);
                foreach (var task in tasks)
                {
                    await h.CompleteAsync(task, all.Variables ?? None);
                }

                break;
            case CompleteJob job:
                var jobs = await h.Engine.GetJobsAsync(null, 1000, CancellationToken.None);
                var mine = jobs.FirstOrDefault(j => j.ActivityId == job.ActivityId)
                    ?? throw new Xunit.Sdk.XunitException($"No job waits at '{job.ActivityId}'.");
                await h.Engine.CompleteJobAsync(mine.Id, job.Variables ?? None, CommandContext.Anonymous, CancellationToken.None);
                break;
            case PublishMessage message:
                await h.Engine.CorrelateMessageAsync(message.Name, message.CorrelationKey, message.Variables ?? None, null, CancellationToken.None);
                break;
            case BroadcastSignal signal:
                await h.Engine.BroadcastSignalAsync(signal.Name, None, CancellationToken.None);
                break;
            case AdvanceClock advance:
                h.Clock.Advance(advance.By);
                while (await scheduler.FireDueAsync(CancellationToken.None) > 0)
                {
                }

                break;
            case ExpectWaitingAt expect:
                var instance = await h.InstanceAsync(instanceId);
                Assert.Equal(expect.ActivityIds.Order(StringComparer.Ordinal), Waiting(instance, await h.Engine.GetDeployedAsync(instance.DefinitionId, CancellationToken.None)));
                break;
            case ExpectOpenTasks open:
                Assert.Equal(open.Count, (await OpenTasksAsync(h, instanceId)).Count(t => t.ActivityId == open.ActivityId));
                break;
            default:
                throw new InvalidOperationException(step.GetType().Name);
        }
    }

    /// <summary>
    /// The open task of an activity; a receive task without a message (no task record) is triggered by the message
    /// named after its id, which is how the engine lets such a task be triggered.
    /// </summary>
    private static async Task CompleteWaitingAsync(EngineHarness h, string instanceId, string activityId, IReadOnlyDictionary<string, object?> variables)
    {
        var task = (await OpenTasksAsync(h, instanceId)).FirstOrDefault(t => t.ActivityId == activityId);
        if (task is not null)
        {
            await h.CompleteAsync(task, variables);
            return;
        }

        var instance = await h.InstanceAsync(instanceId);
        var process = await h.Engine.GetDeployedAsync(instance.DefinitionId, CancellationToken.None);
        if (process.Node(activityId) is ReceiveTask)
        {
            await h.Engine.CorrelateMessageAsync(activityId, instance.BusinessKey, variables, null, CancellationToken.None);
            return;
        }

        throw new Xunit.Sdk.XunitException($"No open task at '{activityId}'; tokens: {string.Join(", ", instance.Tokens.Select(t => t.ActivityId))}.");
    }

    /// <summary>Open tasks of the instance and of the instances it called.</summary>
    private static async Task<List<TaskRecord>> OpenTasksAsync(EngineHarness h, string instanceId)
    {
        var result = new List<TaskRecord>();
        var pending = new Queue<string>([instanceId]);
        while (pending.TryDequeue(out var id))
        {
            result.AddRange((await h.TasksAsync(id)).Where(t => TaskStates.IsActive(t.State)));
            var children = await h.Store.QueryInstancesAsync(new InstanceQuery(new PageRequest(100), ParentInstanceId: id), CancellationToken.None);
            foreach (var child in children.Items)
            {
                pending.Enqueue(child.Id);
            }
        }

        return result;
    }

    /// <summary>Where tokens wait (work, events, a joining gateway), scope tokens of subprocesses left out.</summary>
    private static List<string> Waiting(ProcessInstance instance, HypermediaBpm.Engine.Definitions.DeployedProcess process) =>
        instance.Tokens
            .Where(t => t.State is TokenState.Waiting or TokenState.Joining && process.Node(t.ActivityId) is not SubProcess)
            .Select(t => t.ActivityId).Order(StringComparer.Ordinal).ToList();

    private static object? Normalize(object? value) => value switch
    {
        int i => (long)i,
        long l => l,
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => VariableJson.Normalize(value),
    };
}
