namespace HypermediaBpm.Bpmn.Model;

public abstract class Gateway : FlowNode
{
    public string? DefaultFlowRef { get; init; }

    public SequenceFlow? DefaultFlow { get; set; }

    public string? GatewayDirection { get; init; }
}

public sealed class ExclusiveGateway : Gateway
{
}

public sealed class ParallelGateway : Gateway
{
}

public sealed class InclusiveGateway : Gateway
{
}

public sealed class EventBasedGateway : Gateway
{
    public bool Instantiate { get; init; }

    public string? EventGatewayType { get; init; }
}

public sealed class ComplexGateway : Gateway
{
    /// <summary>The <c>activationCondition</c>: when the tokens that arrived so far are enough for the gateway to fire.</summary>
    public string? ActivationCondition { get; init; }

    public SourcePosition ActivationConditionPosition { get; init; }
}
