using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// End events: a none end consumes the token; a terminate end withdraws every token of its scope
/// (BPMN 2.0 §10.5.3: the instance ends normally, so it is <c>completed</c>, not <c>terminated</c>).
/// </summary>
public sealed class EndEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var end = (EndEvent)node;
        return end.EventDefinitions.All(d => d is TerminateEventDefinition)
            ? null
            : $"'{end.DisplayName}' is a {string.Join("/", end.EventDefinitions.Select(d => d.ElementName))} end event, which this engine does not run yet.";
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node)
    {
        if (((EndEvent)node).Trigger is TerminateEventDefinition)
        {
            execution.TerminateScope(token, node);
        }
        else
        {
            execution.Consume(token, node);
        }
    }
}
