using System.Text.Json;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>Instance modification: cancel activity instances, start before or after activities, set variables.</summary>
public sealed partial class ProcessExecution
{
    /// <summary>
    /// Checks every instruction first (nothing changes when one is refused), then applies them in order and runs
    /// until every token waits. Cancelling the last activity inside a scope cancels the scope; cancelling the last
    /// activity of the instance terminates it.
    /// </summary>
    public void Modify(IReadOnlyList<Modification> instructions, IReadOnlyDictionary<string, object?> variables)
    {
        var plan = instructions.Select((instruction, index) => Check(instruction, index)).ToList();
        Record(HistoryTypes.InstanceModified, null, null, null, JsonSerializer.Serialize(instructions.Select(Describe).ToList()));
        SetVariables(variables, null);
        foreach (var step in plan)
        {
            step();
        }

        Run();
        Instance.RecheckIncidents(Now);

        if (Instance.Tokens.Count == 0 && !Instance.IsEnded)
        {
            _behaviors.Process.Ending(this);
            Instance.Cancel(Now);
            Record(HistoryTypes.InstanceCancelled, null, null, null);
        }
    }

    private Action Check(Modification instruction, int index) => instruction switch
    {
        CancelActivityInstance cancel => CheckCancel(cancel, index),
        StartBeforeActivity before => CheckStart(before.ActivityId, index, after: false),
        StartAfterActivity after => CheckStart(after.ActivityId, index, after: true),
        _ => throw Refused(index, "instruction", "This kind of instruction is not known."),
    };

    private Action CheckCancel(CancelActivityInstance cancel, int index)
    {
        var token = Instance.Tokens.Find(t => t.Id == cancel.ActivityInstanceId)
            ?? throw Refused(index, "activityInstanceId", $"The instance has no active activity instance '{cancel.ActivityInstanceId}'.");
        return () =>
        {
            var scope = ScopeOf(token);
            Withdraw(token);

            // A scope with nothing left inside it is cancelled too, up to the process.
            while (scope is not null && !_removed.Contains(scope) && !TokensIn(scope).Any())
            {
                var outer = ScopeOf(scope);
                Withdraw(scope);
                scope = outer;
            }
        };
    }

    private Action CheckStart(string activityId, int index, bool after)
    {
        if (Process.Process.ElementsById.GetValueOrDefault(activityId) is not FlowNode node)
        {
            throw Refused(index, "activityId", $"The process has no activity '{activityId}'.");
        }

        if (!_behaviors.For(node).StartsByHand(node))
        {
            throw Refused(index, "activityId", $"'{node.DisplayName}' is started by its event, not by hand.");
        }

        // A node inside a subprocess needs one active instance of that subprocess to run in.
        Token? scope = null;
        if (node.Container is FlowNode subProcess)
        {
            // For a multi-instance subprocess the scopes are its inner instances (with a loop counter), not the loop body.
            var looped = Process.Loops.ContainsKey(subProcess.Id);
            var scopes = Instance.Tokens.Where(t => t.ActivityId == subProcess.Id && t.LoopCounter is not null == looped).ToList();
            scope = scopes.Count switch
            {
                1 => scopes[0],
                0 => throw Refused(index, "activityId",
                    $"'{node.DisplayName}' is inside '{subProcess.DisplayName}', which has no active instance: start '{subProcess.DisplayName}' instead."),
                _ => throw Refused(index, "activityId",
                    $"'{subProcess.DisplayName}' has {scopes.Count} active instances; '{node.DisplayName}' could be started in any of them."),
            };
        }

        if (!after)
        {
            return () => Activate(node, scope);
        }

        if (node.Outgoing.Count != 1)
        {
            throw Refused(index, "activityId", $"'{node.DisplayName}' has {node.Outgoing.Count} outgoing flows; start after it needs exactly one (start before its successor instead).");
        }

        var flow = node.Outgoing[0];
        return () => Activate(flow.Target!, scope, flow.Id);
    }

    private static ValidationException Refused(int index, string field, string message) =>
        new("MODIFICATION_INVALID", $"Instruction {index + 1}: {message}", [new ValidationError("MODIFICATION_INVALID", message, field)]);

    private static Dictionary<string, object?> Describe(Modification instruction) => instruction switch
    {
        CancelActivityInstance c => new() { ["type"] = "cancel", ["activityInstanceId"] = c.ActivityInstanceId },
        StartBeforeActivity b => new() { ["type"] = "startBeforeActivity", ["activityId"] = b.ActivityId },
        StartAfterActivity a => new() { ["type"] = "startAfterActivity", ["activityId"] = a.ActivityId },
        _ => new() { ["type"] = instruction.GetType().Name },
    };
}
