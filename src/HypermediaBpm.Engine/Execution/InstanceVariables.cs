using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>An instance's variables as expressions see them.</summary>
public sealed class InstanceVariables(ProcessInstance instance) : IVariableResolver
{
    public bool TryGetVariable(string name, out object? value) => instance.Variables.TryGetValue(name, out value);
}
