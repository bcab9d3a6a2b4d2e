using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Expressions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Scripting;

namespace HypermediaBpm.Engine.Behaviors.Tasks;

/// <summary>
/// Script task: runs JavaScript in a sandbox (or a JUEL expression, as Camunda models do) and stores what it
/// sets. A failing script raises an incident on its token instead of failing the request.
/// </summary>
public sealed class ScriptTaskBehavior(IScriptRunner scripts, ScriptLimits limits) : IFlowNodeBehavior
{
    public string? WhyUnsupported(FlowNode node)
    {
        var task = (ScriptTask)node;
        if (IsJuel(task.ScriptFormat) || scripts.Supports(task.ScriptFormat))
        {
            return null;
        }

        return $"Script task '{task.DisplayName}' is written in '{task.ScriptFormat}'; this engine runs JavaScript and JUEL scripts.";
    }

    public void Execute(IBehaviorContext execution, Token token, FlowNode node)
    {
        var task = (ScriptTask)node;
        var source = task.Script ?? string.Empty;
        if (IsJuel(task.ScriptFormat))
        {
            var value = execution.Process.Template(source.Trim()).Evaluate(execution.Variables);
            if (task.ResultVariable is { Length: > 0 } juelTarget)
            {
                execution.SetVariable(juelTarget, value, node);
            }
        }
        else
        {
            var result = scripts.Run(task.ScriptFormat ?? "javascript", source, execution.VisibleVariables(), limits);
            if (result.VariablesSet.Count > 0)
            {
                execution.SetVariables(result.VariablesSet, node);
            }

            if (task.ResultVariable is { Length: > 0 } target)
            {
                execution.SetVariable(target, result.CompletionValue, node);
            }
        }

        execution.Leave(token, node);
    }

    private static bool IsJuel(string? format) => string.Equals(format, "juel", StringComparison.OrdinalIgnoreCase);
}
