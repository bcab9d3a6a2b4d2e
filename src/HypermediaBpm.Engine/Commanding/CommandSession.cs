using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>The instances one command works on, each loaded once, in the order they were reached.</summary>
internal sealed class CommandSession(CommandPipeline pipeline, CommandContext context, DateTimeOffset now)
{
    private readonly List<ProcessExecution> _executions = [];
    private readonly HashSet<ProcessExecution> _settled = [];
    private readonly Dictionary<string, string> _statesFound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRecord> _tasksFound = new(StringComparer.Ordinal);

    public DateTimeOffset Now => now;

    /// <summary>When the command began running (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), for its trace span.</summary>
    public long StartedTimestamp { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>An instance's state when this command loaded or created it (what the metrics compare the commit with).</summary>
    public string? StateFound(string instanceId) => _statesFound.GetValueOrDefault(instanceId);

    /// <summary>A task as this command found it before changing it.</summary>
    public TaskRecord? TaskFound(string taskId) => _tasksFound.GetValueOrDefault(taskId);

    public void Found(TaskRecord task) => _tasksFound.TryAdd(task.Id, task);

    public string? User => context.User;

    public int StartedCalls { get; set; }

    public IReadOnlyList<ProcessExecution> Executions => _executions;

    public ProcessExecution Add(ProcessExecution execution)
    {
        _executions.Add(execution);
        _statesFound.TryAdd(execution.Instance.Id, execution.Instance.State);
        if (execution.Instance.IsEnded)
        {
            _settled.Add(execution); // ended before this command: nothing to report
        }

        return execution;
    }

    /// <summary>True the first time: an ended instance is reported to its caller once.</summary>
    public bool Settle(ProcessExecution execution) => _settled.Add(execution);

    /// <summary>The instance's run in this command, loading it on first use; null when it does not exist.</summary>
    public async Task<ProcessExecution?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (_executions.Find(e => e.Instance.Id == instanceId) is { } loaded)
        {
            return loaded;
        }

        if (await pipeline.Store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        var instance = InstanceStateSerializer.Deserialize(stored);
        var process = await pipeline.Definitions.GetAsync(instance.DefinitionId, cancellationToken).ConfigureAwait(false);
        return Add(pipeline.NewExecution(instance, process, now, context.User));
    }
}
