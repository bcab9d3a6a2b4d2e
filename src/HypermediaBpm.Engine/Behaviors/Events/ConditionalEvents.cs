using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Events;

/// <summary>
/// Conditional events (BPMN 2.0 §10.5.1): an intermediate catch passes when its condition holds (at once, or when
/// variables later change so that it does); a conditional boundary event fires on its waiting activity, an event
/// subprocess's conditional start starts it in its running scope, each when variables change and the condition then
/// holds. As in Camunda 7, a condition is also evaluated when its activity or scope is entered (<see cref="ActivityEntered"/>,
/// <see cref="ScopeEntered"/>), so one that already holds fires at once. Conditions are JUEL or FEEL, evaluated from the waiting token's point of view. Camunda's <c>variableName</c>
/// and <c>variableEvents</c> filters are not read: any change re-evaluates every condition that listens.
/// </summary>
public sealed class ConditionalEvents(Catching catching) : IVariablesObserver
{
    /// <summary>Null when the catcher's condition is there and compiles.</summary>
    public static string? WhyUnsupported(FlowNode catcher, ConditionalEventDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.Condition))
        {
            return $"Conditional event '{catcher.DisplayName}' has no condition.";
        }

        return Expressions.ExpressionCompiler.TryCompile(definition.Condition.Trim(), out _, out var error)
            ? null
            : $"The condition of '{catcher.DisplayName}' does not parse: {error!.Message}";
    }

    /// <summary>True when the condition holds from <paramref name="token"/>'s point of view (null: the process's).</summary>
    public static bool Holds(IBehaviorContext context, Token? token, ConditionalEventDefinition definition)
    {
        var saved = context.PointOfView;
        context.PointOfView = token;
        try
        {
            return context.Process.Condition(definition.Condition!).EvaluateCondition(context.Variables);
        }
        finally
        {
            context.PointOfView = saved;
        }
    }

    /// <summary>
    /// A condition re-evaluated because variables changed, from a waiting token's point of view: one that cannot be
    /// evaluated now (a variable it reads is not set yet) does not hold, rather than failing the step that changed them.
    /// </summary>
    private static bool HoldsNow(IBehaviorContext context, Token? token, ConditionalEventDefinition definition)
    {
        try
        {
            return Holds(context, token, definition);
        }
        catch (Exception ex) when (ex is Expressions.ExpressionEvaluationException or Errors.EngineException)
        {
            return false;
        }
    }

    /// <summary>
    /// The activity <paramref name="token"/> is at was just entered and waits: a conditional boundary event whose condition
    /// already holds fires now (interrupting: the activity is withdrawn at once), not only on the next change of variables.
    /// </summary>
    public void ActivityEntered(IBehaviorContext context, Token token, Activity activity)
    {
        if (!context.Process.Structure.HasConditionalEvents || token.LoopCounter is not null)
        {
            return;
        }

        foreach (var boundary in activity.BoundaryEvents)
        {
            if (boundary.Trigger is ConditionalEventDefinition c && context.IsActive(token) && token.State == TokenState.Waiting && HoldsNow(context, token, c))
            {
                catching.TriggerBoundary(context, token, boundary, Catching.NoVariables);
            }
        }
    }

    /// <summary>
    /// A scope (<paramref name="scope"/>'s subprocess, or the process when null) was just entered, its first tokens
    /// activated: a conditional start of one of its event subprocesses whose condition already holds starts it now.
    /// </summary>
    public void ScopeEntered(IBehaviorContext context, Token? scope, IFlowElementContainer container)
    {
        if (context.Process.Structure.HasConditionalEvents && (scope is null || context.IsActive(scope)))
        {
            StartEventSubProcesses(context, scope, container);
        }
    }

    public bool VariablesChanged(IBehaviorContext context)
    {
        if (!context.Process.Structure.HasConditionalEvents)
        {
            return false;
        }

        var moved = StartEventSubProcesses(context, null, context.Process.Process);
        foreach (var token in context.Instance.Tokens.ToList())
        {
            if (!context.IsActive(token) || token.State != TokenState.Waiting)
            {
                continue;
            }

            var node = context.Process.Node(token.ActivityId);
            if (node is IntermediateCatchEvent { Trigger: ConditionalEventDefinition condition })
            {
                if (HoldsNow(context, token, condition))
                {
                    context.Resume(token);
                    context.Leave(token, node);
                    moved = true;
                }

                continue;
            }

            if (node is not Activity activity)
            {
                continue;
            }

            if (token.LoopCounter is null)
            {
                foreach (var boundary in activity.BoundaryEvents)
                {
                    if (boundary.Trigger is ConditionalEventDefinition c && context.IsActive(token) && HoldsNow(context, token, c))
                    {
                        catching.TriggerBoundary(context, token, boundary, Catching.NoVariables);
                        moved = true;
                    }
                }
            }

            if (activity is SubProcess subProcess && !MultiInstanceBehavior.IsBody(token, activity) && context.IsActive(token))
            {
                moved |= StartEventSubProcesses(context, token, subProcess);
            }
        }

        return moved;
    }

    private bool StartEventSubProcesses(IBehaviorContext context, Token? scope, IFlowElementContainer container)
    {
        foreach (var start in context.Process.Structure.EventSubProcessStartsIn(container))
        {
            if (start.Trigger is ConditionalEventDefinition c && HoldsNow(context, scope, c))
            {
                catching.StartEventSubProcess(context, scope, start, Catching.NoVariables);
                return true;
            }
        }

        return false;
    }
}
