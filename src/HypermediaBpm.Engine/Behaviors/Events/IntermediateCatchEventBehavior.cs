using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Execution;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>Intermediate catch events: a link catch is where a link throw lands, so the token passes on.</summary>
public sealed class IntermediateCatchEventBehavior : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var catcher = (IntermediateCatchEvent)node;
        return catcher.Trigger is LinkEventDefinition
            ? null
            : $"'{catcher.DisplayName}' is a {string.Join("/", catcher.EventDefinitions.Select(d => d.ElementName))} intermediate catch event, which this engine does not run yet.";
    }

    public void Execute(ProcessExecution execution, Token token, FlowNode node) => execution.Leave(token, node);
}
