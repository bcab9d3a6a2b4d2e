using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors.Events;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// What every activity does around its own element's rules, put around its behaviour by the <see cref="BehaviorTable"/>:
/// its boundary events listen while it runs; a loop or multi-instance activity becomes a body
/// (<see cref="MultiInstanceBehavior"/>) whose instances run the element; a completed activity that can be compensated
/// leaves its compensation behind (<see cref="Compensation"/>); a conditional boundary event whose condition holds when the
/// activity is entered fires at once (<see cref="ConditionalEvents.ActivityEntered"/>).
/// </summary>
public sealed class ActivityBehavior(IFlowNodeBehavior inner, Catching catching, MultiInstanceBehavior loops, Compensation compensation, ConditionalEvents conditions) : IScopeBehavior
{
    /// <summary>The element's own behaviour.</summary>
    public IFlowNodeBehavior Inner => inner;

    public string? WhyUnsupported(FlowNode node) => inner.WhyUnsupported(node) ?? compensation.WhyUnsupported((Activity)node);

    public void Execute(IBehaviorContext context, Token token, FlowNode node)
    {
        var activity = (Activity)node;

        // An instance of a loop runs the element only: its body opened the boundary events for all of them.
        if (token.LoopCounter is null)
        {
            if (activity.BoundaryEvents.Count > 0)
            {
                catching.OpenBoundaries(context, token, activity);
            }

            if (activity.LoopCharacteristics is not null)
            {
                loops.Begin(context, token, activity);
                conditions.ActivityEntered(context, token, activity);
                return;
            }
        }

        inner.Execute(context, token, node);
        conditions.ActivityEntered(context, token, activity);
    }

    public void Trigger(IBehaviorContext context, Token token, FlowNode node, IReadOnlyDictionary<string, object?> variables) =>
        inner.Trigger(context, token, node, variables);

    public void Cancel(IBehaviorContext context, Token token, FlowNode node)
    {
        if (!MultiInstanceBehavior.IsBody(token, (Activity)node))
        {
            inner.Cancel(context, token, node);
        }
    }

    public void Leaving(IBehaviorContext context, Token token, FlowNode node, bool completed)
    {
        var activity = (Activity)node;
        if (token.LoopCounter is null && activity.BoundaryEvents.Count > 0)
        {
            catching.CloseBoundaries(context, token, activity);
        }

        if (MultiInstanceBehavior.IsBody(token, activity))
        {
            return;
        }

        inner.Leaving(context, token, node, completed);
        if (completed)
        {
            compensation.Completed(context, token, activity);
        }
        else if (context.Instance.HasCompensations)
        {
            // Withdrawn: what completed inside it can no longer be compensated.
            Compensation.Discard(context, token);
        }
    }

    public void ChildCompleted(IBehaviorContext context, Token scope, FlowNode node, Token child)
    {
        if (MultiInstanceBehavior.IsBody(scope, (Activity)node))
        {
            loops.ChildCompleted(context, scope, (Activity)node, child);
        }
        else
        {
            ((IScopeBehavior)inner).ChildCompleted(context, scope, node, child);
        }
    }

    public void ChildTerminated(IBehaviorContext context, Token scope, FlowNode node, Token child)
    {
        if (MultiInstanceBehavior.IsBody(scope, (Activity)node))
        {
            loops.ChildTerminated(context, scope, (Activity)node, child);
        }
        else if (inner is IScopeBehavior scopeBehavior)
        {
            scopeBehavior.ChildTerminated(context, scope, node, child);
        }
    }

    public bool StartsByHand(FlowNode node) => inner.StartsByHand(node);
}
