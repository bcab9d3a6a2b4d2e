using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// Embedded subprocess: a scope. The arriving token waits at the subprocess while tokens run inside it,
/// from its none start event or, without one, from every node that has no incoming flow; when the last of
/// them ends, the subprocess leaves by its outgoing flows. An event subprocess is never entered by a flow:
/// its start event's trigger starts it (<see cref="ProcessExecution.StartEventSubProcess"/>).
/// Its input parameters (<c>camunda:inputParameter</c>, <c>zeebe:input</c>) are its local variables.
/// </summary>
public sealed class SubProcessBehavior : IFlowNodeBehavior
{
    public void Execute(ProcessExecution execution, Token token, FlowNode node)
    {
        var subProcess = (SubProcess)node;
        foreach (var input in subProcess.InputMappings)
        {
            var value = input.Source is { } source ? execution.Process.Template(source).Evaluate(execution.Variables) : null;
            execution.SetLocalVariable(token, input.Target, value);
        }

        execution.EnterScope(token, subProcess);
    }
}
