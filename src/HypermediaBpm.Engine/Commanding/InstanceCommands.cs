using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Forms;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// The instance area: start one (by a request, a confirmed reservation or an event), suspend, resume and cancel it.
/// </summary>
internal sealed class InstanceCommands(CommandPipeline pipeline) : IInstanceStarter
{
    /// <summary>The code of a refused start of a model deployed for documentation only.</summary>
    public const string NotExecutableCode = "PROCESS_NOT_EXECUTABLE";

    /// <summary>The process, unless it was deployed for documentation only: then nothing may start it (409).</summary>
    public static Definitions.DeployedProcess EnsureExecutable(Definitions.DeployedProcess process) =>
        process.Record.Executable
            ? process
            : throw new InvalidStateException(NotExecutableCode,
                $"Process '{process.Record.Key}' version {process.Record.Version} was deployed for documentation only; deploy it as executable to run it.",
                new Dictionary<string, object?> { ["process"] = process.Record.Key, ["version"] = process.Record.Version });

    /// <summary>
    /// Starts an instance of the latest version of <paramref name="processKey"/> (or of one definition id)
    /// at its none start event, with the start form's fields typed and checked, and runs it until it waits.
    /// </summary>
    public async Task<CommandOutcome> StartAsync(
        Func<Task<DefinitionRecord>> definition, string? businessKey, IReadOnlyDictionary<string, object?> variables,
        bool fromHtmlForm, CommandContext context, CancellationToken cancellationToken)
    {
        if (await pipeline.ReplayAsync(context, id => Task.FromResult(id), cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        var record = await definition().ConfigureAwait(false);
        var process = await pipeline.Definitions.GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
        var typed = FormInput.Apply(StartEventOf(process).FormFields, variables, fromHtmlForm);
        pipeline.CheckRequestVariables(typed);
        try
        {
            return await StartInstanceAsync(process, businessKey, typed, context, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException ex) when (ex.Context.ContainsKey("idempotencyKey"))
        {
            // The same request raced us and won: answer what it answered.
            var winner = await pipeline.ReplayAsync(context, id => Task.FromResult(id), cancellationToken).ConfigureAwait(false);
            if (winner is null)
            {
                throw;
            }

            return winner;
        }
    }

    public static Bpmn.Model.StartEvent StartEventOf(Definitions.DeployedProcess process) =>
        EnsureExecutable(process).NoneStartEvent
            ?? throw new InvalidStateException("NO_NONE_START_EVENT", $"Process '{process.Record.Key}' cannot be started by a request.");

    Bpmn.Model.StartEvent IInstanceStarter.StartEventOf(Definitions.DeployedProcess process) => StartEventOf(process);

    /// <summary>
    /// The one way a request starts an instance (a <c>start</c>, a confirmed reservation): a new instance at the none
    /// start event with already typed variables, run until it waits and committed; <paramref name="extra"/> adds to
    /// the change set what must be written with it or not at all.
    /// </summary>
    public async Task<CommandOutcome> StartInstanceAsync(
        Definitions.DeployedProcess process, string? businessKey, Dictionary<string, object?> typed, CommandContext context,
        Action<ProcessInstance, ChangeSet>? extra, CancellationToken cancellationToken)
    {
        var start = StartEventOf(process);
        if (string.IsNullOrWhiteSpace(businessKey) && start.BusinessKeyField is { } keyField && typed.GetValueOrDefault(keyField) is { } keyValue)
        {
            // camunda:formData businessKey="orderId": the order id is what other systems call the instance by.
            businessKey = Convert.ToString(keyValue, System.Globalization.CultureInfo.InvariantCulture);
        }

        var now = pipeline.Now;
        var instance = NewInstance(process.Record, businessKey, typed, now);
        var session = pipeline.NewSession(context, now);
        var execution = session.Add(pipeline.NewExecution(instance, process, now, context.User));
        execution.Start(start);
        var written = await pipeline.CommitAsync(session, [], context, instance.Id, 201, cancellationToken,
            extra is null ? null : changes => extra(instance, changes)).ConfigureAwait(false);
        return new CommandOutcome(instance.Id, instance.Id) { Instance = instance, Tasks = written };
    }

    public ProcessInstance NewInstance(DefinitionRecord record, string? businessKey, Dictionary<string, object?> variables, DateTimeOffset now)
    {
        // A new instance's variables are written without SetVariables: held to the same bound here.
        pipeline.VariableLimit.Check(variables);
        return new()
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            DefinitionId = record.Id,
            ProcessKey = record.Key,
            ProcessVersion = record.Version,
            BusinessKey = string.IsNullOrWhiteSpace(businessKey) ? null : businessKey.Trim(),
            StartedAt = now,
            UpdatedAt = now,
            Variables = variables,
        };
    }

    public Task<CommandOutcome> SuspendAsync(string instanceId, CommandContext context, CancellationToken cancellationToken) =>
        ChangeAsync(instanceId, context, HistoryTypes.InstanceSuspended, (i, now) => i.Suspend(now), cancellationToken);

    public Task<CommandOutcome> ResumeAsync(string instanceId, CommandContext context, CancellationToken cancellationToken) =>
        ChangeAsync(instanceId, context, HistoryTypes.InstanceResumed, (i, now) => i.Resume(now), cancellationToken);

    /// <summary>
    /// Terminates the instance: every token is withdrawn and its open tasks are cancelled; the instances its call
    /// activities called are cancelled with it (recursively), in the same transaction. A called instance
    /// cancelled on its own leaves an incident on its caller's call activity.
    /// </summary>
    public Task<CommandOutcome> CancelAsync(string instanceId, CommandContext context, CancellationToken cancellationToken) =>
        ChangeAsync(instanceId, context, HistoryTypes.InstanceCancelled, null, cancellationToken);

    private Task<CommandOutcome> ChangeAsync(
        string instanceId, CommandContext context, string historyType, Action<ProcessInstance, DateTimeOffset>? change, CancellationToken cancellationToken) =>
        pipeline.RetryOnConflictAsync(context, async () =>
        {
            if (await pipeline.ReplayAsync(context, id => Task.FromResult(id), cancellationToken).ConfigureAwait(false) is { } replay)
            {
                return replay;
            }

            var (instance, process) = await pipeline.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
            CommandPipeline.CheckPrecondition(context, instance.Id, instance.Revision);
            var now = pipeline.Now;
            var session = pipeline.NewSession(context, now);
            var execution = session.Add(pipeline.NewExecution(instance, process, now, context.User));
            if (change is not null)
            {
                change(instance, now);
            }
            else
            {
                if (instance.IsEnded)
                {
                    instance.Cancel(now);
                }

                foreach (var token in instance.Tokens.ToList())
                {
                    execution.Withdraw(token);
                }

                instance.Cancel(now);
            }

            execution.Record(historyType, null, null, null);
            var written = await pipeline.CommitAsync(session, [], context, instance.Id, 200, cancellationToken).ConfigureAwait(false);
            return new CommandOutcome(instance.Id, instance.Id) { Instance = instance, Tasks = written };
        });
}
