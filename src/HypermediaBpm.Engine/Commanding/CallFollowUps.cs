using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// Call activities across instances. A command works on one instance, but what it does there may start a
/// called instance, cancel one, or end one whose caller then goes on: each instance reached is loaded once
/// into the command's <see cref="CommandSession"/>, run, and written with the others in one change set, every
/// one guarded by its revision. An instance without call activities and without a caller has nothing to
/// settle, so it costs no extra read. The pipeline reaches this area through <see cref="ICommandFollowUps.SettleCallsAsync"/>.
/// </summary>
internal sealed class CallFollowUps(CommandPipeline pipeline, IDefinitionStore store)
{
    /// <summary>Stops a process that calls itself without waiting from starting instances forever.</summary>
    public const int MaxCalledInstancesPerCommand = 1_000;

    /// <summary>Carries out what the runs asked of other instances until nothing is left to do.</summary>
    public async Task SettleCallsAsync(CommandSession session, CancellationToken cancellationToken)
    {
        bool worked;
        do
        {
            worked = false;
            for (var i = 0; i < session.Executions.Count; i++)
            {
                var execution = session.Executions[i];
                while (execution.Effects.TryTakeCall(out var request))
                {
                    await StartCalledAsync(session, execution, request, cancellationToken).ConfigureAwait(false);
                    worked = true;
                }

                while (execution.Effects.TryTakeCalledToCancel(out var called))
                {
                    await CancelCalledAsync(session, called, cancellationToken).ConfigureAwait(false);
                    worked = true;
                }

                if (execution.Instance.IsEnded && execution.Instance.Parent is not null && session.Settle(execution))
                {
                    await ReturnToCallerAsync(session, execution, cancellationToken).ConfigureAwait(false);
                    worked = true;
                }
            }
        }
        while (worked);
    }

    private async Task StartCalledAsync(CommandSession session, ProcessExecution caller, CallRequest request, CancellationToken cancellationToken)
    {
        var token = request.Token;
        if (!caller.IsActive(token) || token.State != TokenState.Waiting || token.CalledInstanceId is not null)
        {
            return; // withdrawn (or failed) before its called instance could start
        }

        if (++session.StartedCalls > MaxCalledInstancesPerCommand)
        {
            caller.Fail(token, request.Activity, "TOO_MANY_CALLS",
                $"One step started more than {MaxCalledInstancesPerCommand} called instances; the processes call each other without waiting.");
            return;
        }

        var record = await ResolveCalledAsync(caller, request, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            var which = request.Binding switch
            {
                CallBinding.Version => $"version {request.Version} of process '{request.ProcessKey}'",
                CallBinding.Deployment => $"a version of process '{request.ProcessKey}' deployed at or before '{caller.Instance.ProcessKey}' version {caller.Instance.ProcessVersion}",
                _ => $"process '{request.ProcessKey}'",
            };
            caller.Fail(token, request.Activity, "CALLED_PROCESS_NOT_FOUND",
                $"'{request.Activity.DisplayName}' calls {which}, which is not deployed; deploy it and retry.");
            return;
        }

        try
        {
            pipeline.VariableLimit.Check(request.Variables);
        }
        catch (VariableTooLargeException e)
        {
            // What the call hands over was computed by the caller's model (input mappings): the caller's incident.
            caller.Fail(token, request.Activity, e.Code, e.Message);
            return;
        }

        if (!record.Executable)
        {
            caller.Fail(token, request.Activity, InstanceCommands.NotExecutableCode,
                $"'{request.Activity.DisplayName}' calls process '{record.Key}' version {record.Version}, which was deployed for documentation only.");
            return;
        }

        var process = await pipeline.Definitions.GetAsync(record.Id, cancellationToken).ConfigureAwait(false);
        var now = session.Now;
        var called = new ProcessInstance
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            DefinitionId = record.Id,
            ProcessKey = record.Key,
            ProcessVersion = record.Version,
            BusinessKey = request.BusinessKey,
            Parent = new ParentReference(caller.Instance.Id, token.Id, request.Activity.Id),
            StartedAt = now,
            UpdatedAt = now,
            Variables = request.Variables.ToDictionary(v => v.Key, v => VariableJson.Normalize(v.Value), StringComparer.Ordinal),
        };
        caller.CallStarted(token, called.Id);
        var execution = session.Add(pipeline.NewExecution(called, process, now, session.User));
        execution.Start(process.NoneStartEvent!);
    }

    /// <summary>The definition a call starts, by its binding; null when there is none.</summary>
    private async Task<DefinitionRecord?> ResolveCalledAsync(ProcessExecution caller, CallRequest request, CancellationToken cancellationToken)
    {
        if (request.Binding == CallBinding.Latest)
        {
            return await store.GetLatestDefinitionAsync(request.ProcessKey, cancellationToken).ConfigureAwait(false);
        }

        var versions = await store.GetDefinitionVersionsAsync(request.ProcessKey, cancellationToken).ConfigureAwait(false);
        if (request.Binding == CallBinding.Version)
        {
            return versions.FirstOrDefault(v => v.Version == request.Version);
        }

        // Newest first: the first one not deployed after the caller's own version.
        var deployedAt = caller.Process.Record.CreatedAt;
        return versions.FirstOrDefault(v => v.CreatedAt <= deployedAt);
    }

    /// <summary>A call activity was withdrawn (its caller cancelled, interrupted, terminated): its called instance ends too.</summary>
    private async Task CancelCalledAsync(CommandSession session, string instanceId, CancellationToken cancellationToken)
    {
        var execution = await session.GetAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (execution is null || execution.Instance.IsEnded)
        {
            return;
        }

        session.Settle(execution); // its caller withdrew it: nothing to report back
        Terminate(execution);
    }

    /// <summary>
    /// A called instance ended: its caller's token goes on in the same command. Completed, it returns with the
    /// variables; ended by an error, the error is thrown at the call activity; cancelled on its own (not by its
    /// caller), the call activity gets an incident, since the caller cannot know what to do next.
    /// </summary>
    private async Task ReturnToCallerAsync(CommandSession session, ProcessExecution called, CancellationToken cancellationToken)
    {
        var parent = called.Instance.Parent!;
        var caller = await session.GetAsync(parent.InstanceId, cancellationToken).ConfigureAwait(false);
        var token = caller?.Instance.Tokens.Find(t => t.Id == parent.TokenId && t.CalledInstanceId == called.Instance.Id);
        if (caller is null || token is null || caller.Instance.IsEnded)
        {
            return; // the caller no longer waits for it
        }

        caller.Instance.EnsureActive();
        if (called.Effects.ErrorToCaller is { } error)
        {
            caller.ThrowErrorFromCall(token, error);
        }
        else if (called.Instance.State == InstanceStates.Completed)
        {
            caller.ReturnFromCall(token, called.Instance.Variables);
        }
        else
        {
            token.CalledInstanceId = null;
            caller.Fail(token, caller.Process.Node(token.ActivityId), "CALLED_INSTANCE_CANCELLED",
                $"The instance '{called.Instance.Id}' called by '{caller.Process.Node(token.ActivityId).DisplayName}' was cancelled before it completed.");
        }
    }

    /// <summary>Withdraws every token (with their tasks and called instances) and ends the instance as terminated.</summary>
    private static void Terminate(ProcessExecution execution)
    {
        foreach (var token in execution.Instance.Tokens.ToList())
        {
            execution.Withdraw(token);
        }

        execution.Instance.Cancel(execution.Now);
        execution.Record(HistoryTypes.InstanceCancelled, null, null, null);
    }
}
