using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// Embedded subprocess: a scope. The arriving token waits at the subprocess while tokens run inside it, from its none
/// start event or, without one, from every node that has no incoming flow; its event subprocesses listen meanwhile.
/// When the last token inside ends, the subprocess leaves by its outgoing flows. An event subprocess is never entered
/// by a flow: its start event's trigger starts it (<see cref="Catching.StartEventSubProcess"/>). Its input parameters
/// (<c>camunda:inputParameter</c>, <c>zeebe:input</c>) are its local variables.
/// </summary>
public sealed class SubProcessBehavior(Catching catching, ConditionalEvents conditions) : IScopeBehavior
{
    public void Execute(IBehaviorContext context, Token token, FlowNode node)
    {
        var subProcess = (SubProcess)node;
        foreach (var input in subProcess.InputMappings)
        {
            var value = input.Source is { } source ? context.Process.Template(source).Evaluate(context.Variables) : null;
            context.SetLocalVariable(token, input.Target, value);
        }

        var starts = context.Process.Structure.StartsOf(subProcess);
        catching.OpenEventSubProcesses(context, token, subProcess);
        context.EnterScope(token, starts);
        if (starts.Count == 0)
        {
            context.LeaveScope(token);
            return;
        }

        conditions.ScopeEntered(context, token, subProcess);
    }

    public void ChildCompleted(IBehaviorContext context, Token scope, FlowNode node, Token child)
    {
        if (IsEmpty(context, scope))
        {
            context.LeaveScope(scope);
        }
    }

    public void Leaving(IBehaviorContext context, Token token, FlowNode node, bool completed) =>
        catching.CloseEventSubProcesses(context, token, (SubProcess)node);

    /// <summary>True when no token runs inside the scope any more.</summary>
    public static bool IsEmpty(IBehaviorContext context, Token scope)
    {
        foreach (var _ in context.TokensIn(scope))
        {
            return false;
        }

        return true;
    }
}
