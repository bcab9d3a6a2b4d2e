using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>
/// What the deployment validator asks of whoever runs the elements (the behaviour table), so that definitions need
/// not know the behaviours: whether a node can run at all, and the located problems of its details.
/// </summary>
public interface IElementRules
{
    /// <summary>Null when the node can run as modelled; otherwise a sentence saying what cannot run.</summary>
    string? WhyUnsupported(FlowNode node);

    /// <summary>Adds the located problems of a supported node's details (an HTTP task's connector, a condition that does not parse).</summary>
    void CheckDetails(FlowNode node, List<ValidationError> errors);
}
