using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>Start events. The trigger (none now; message, timer, signal later) decides how an instance starts.</summary>
public sealed class StartEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var start = (StartEvent)node;
        return start.EventDefinitions.Count == 0
            ? null
            : $"'{start.DisplayName}' is a {string.Join("/", start.EventDefinitions.Select(d => d.ElementName))} start event, which this engine does not run yet.";
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node) => execution.Leave(token, node);
}
