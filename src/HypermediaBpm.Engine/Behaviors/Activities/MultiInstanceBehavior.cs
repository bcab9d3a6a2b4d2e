using System.Collections;
using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Behaviors.Activities;

/// <summary>
/// Loop and multi-instance activities (Zeebe's multi-instance body). The token that arrives becomes the activity's
/// body: it waits there, holding <c>nrOfInstances</c>, <c>nrOfActiveInstances</c> and <c>nrOfCompletedInstances</c>
/// (a standard loop: <c>loopCounter</c>) as local variables. Each instance is a token inside the body, at the same
/// activity, with its own <c>loopCounter</c> (and element variable); when one is done it returns to the body instead
/// of leaving (<see cref="ChildCompleted"/>).
/// </summary>
public sealed class MultiInstanceBehavior
{
    private const string NrOfInstances = "nrOfInstances";
    private const string NrOfActiveInstances = "nrOfActiveInstances";
    private const string NrOfCompletedInstances = "nrOfCompletedInstances";
    private const string LoopCounterVariable = "loopCounter";

    /// <summary>True for the token of a loop activity that holds its instances (and not for one of them).</summary>
    public static bool IsBody(Token token, Activity activity) => activity.LoopCharacteristics is not null && token.LoopCounter is null;

    public void Begin(IBehaviorContext context, Token body, Activity activity)
    {
        var loop = activity.LoopCharacteristics!;
        var plan = context.Process.Loops[activity.Id];
        context.Wait(body);
        if (!loop.IsMultiInstance)
        {
            context.SetLocalVariable(body, LoopCounterVariable, 0L);
            if (loop.TestBefore && !(plan.LoopCondition?.EvaluateCondition(context.Variables) ?? true))
            {
                End(context, body, activity);
                return;
            }

            StartInstance(context, body, activity, 0, null);
            return;
        }

        var items = Items(context, activity);
        var count = items?.Count ?? Cardinality(context, activity);
        context.SetLocalVariable(body, NrOfInstances, (long)count);
        context.SetLocalVariable(body, NrOfCompletedInstances, 0L);
        context.SetLocalVariable(body, NrOfActiveInstances, (long)(count == 0 ? 0 : loop.IsSequential ? 1 : count));
        if (loop.OutputCollection is { Length: > 0 } output)
        {
            context.SetLocalVariable(body, output, Enumerable.Repeat<object?>(null, count).ToList());
        }

        if (count == 0)
        {
            End(context, body, activity);
            return;
        }

        for (var i = 0; i < (loop.IsSequential ? 1 : count); i++)
        {
            StartInstance(context, body, activity, i, items);
        }
    }

    /// <summary>One instance is done (already taken away): count it, then start the next, or end the loop when it is complete.</summary>
    public void ChildCompleted(IBehaviorContext context, Token body, Activity activity, Token instance)
    {
        var loop = activity.LoopCharacteristics!;
        var plan = context.Process.Loops[activity.Id];
        var saved = context.PointOfView;
        context.PointOfView = instance;
        try
        {
            if (loop.OutputCollection is { Length: > 0 } output && plan.OutputElement is { } element
                && body.Variables?.GetValueOrDefault(output) is List<object?> collected && instance.LoopCounter < collected.Count)
            {
                collected[instance.LoopCounter!.Value] = element.Evaluate(context.Variables);
            }

            if (!loop.IsMultiInstance)
            {
                var next = Convert.ToInt32(body.Variables![LoopCounterVariable], CultureInfo.InvariantCulture) + 1;
                context.SetLocalVariable(body, LoopCounterVariable, (long)next);
                context.PointOfView = body;
                var again = (plan.Maximum is not { } max || next < max) && (plan.LoopCondition?.EvaluateCondition(context.Variables) ?? true);
                if (again)
                {
                    StartInstance(context, body, activity, next, null);
                }
                else
                {
                    End(context, body, activity);
                }

                return;
            }

            var locals = body.Variables!;
            var completed = Convert.ToInt64(locals[NrOfCompletedInstances], CultureInfo.InvariantCulture) + 1;
            var total = Convert.ToInt64(locals[NrOfInstances], CultureInfo.InvariantCulture);
            var active = Convert.ToInt64(locals[NrOfActiveInstances], CultureInfo.InvariantCulture) - 1;
            locals[NrOfCompletedInstances] = completed;
            locals[NrOfActiveInstances] = active;
            var done = completed >= total || (plan.Completion?.EvaluateCondition(context.Variables) ?? false);
            if (done)
            {
                foreach (var other in context.TokensIn(body).ToList())
                {
                    context.Withdraw(other);
                }

                locals[NrOfActiveInstances] = 0L;
                End(context, body, activity);
            }
            else if (loop.IsSequential)
            {
                locals[NrOfActiveInstances] = 1L;
                context.PointOfView = body;
                StartInstance(context, body, activity, (int)completed, Items(context, activity));
            }
        }
        finally
        {
            context.PointOfView = saved;
        }
    }

    /// <summary>An instance was withdrawn on its own (a modification): it no longer counts as active.</summary>
    public void ChildTerminated(IBehaviorContext context, Token body, Activity activity, Token instance)
    {
        if (activity.LoopCharacteristics!.IsMultiInstance && body.Variables?.GetValueOrDefault(NrOfActiveInstances) is long active && active > 0)
        {
            body.Variables[NrOfActiveInstances] = active - 1;
        }
    }

    private static void StartInstance(IBehaviorContext context, Token body, Activity activity, int index, IList? items)
    {
        var instance = context.Activate(activity, body, body.ViaFlowId);
        instance.LoopCounter = index;
        context.SetLocalVariable(instance, LoopCounterVariable, (long)index);
        if (activity.LoopCharacteristics!.ElementVariable is { Length: > 0 } element && items is not null)
        {
            context.SetLocalVariable(instance, element, index < items.Count ? items[index] : null);
        }
    }

    /// <summary>The body leaves the activity by its outgoing flows; a Zeebe output collection goes to the enclosing scope.</summary>
    private static void End(IBehaviorContext context, Token body, Activity activity)
    {
        var saved = context.PointOfView;
        context.PointOfView = body;
        if (activity.LoopCharacteristics!.OutputCollection is { Length: > 0 } output && body.Variables?.Remove(output, out var collected) == true)
        {
            context.SetVariables(new Dictionary<string, object?> { [output] = collected }, activity);
        }

        context.PointOfView = saved;
        context.LeaveScope(body);
    }

    /// <summary>The collection a multi-instance runs over (null when it counts by <c>loopCardinality</c>).</summary>
    private static IList? Items(IBehaviorContext context, Activity activity)
    {
        if (context.Process.Loops[activity.Id].Collection is not { } collection)
        {
            return null;
        }

        return collection.Evaluate(context.Variables) switch
        {
            IList list => list,
            null => throw new ModelRuntimeException("LOOP_COLLECTION_INVALID",
                $"The collection '{collection.Source}' of multi-instance '{activity.DisplayName}' is null."),
            var other => throw new ModelRuntimeException("LOOP_COLLECTION_INVALID",
                $"The collection '{collection.Source}' of multi-instance '{activity.DisplayName}' is a {other.GetType().Name}, not a list."),
        };
    }

    private static int Cardinality(IBehaviorContext context, Activity activity)
    {
        var expression = context.Process.Loops[activity.Id].Cardinality!;
        var value = expression.Evaluate(context.Variables);
        try
        {
            var count = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            if (count is >= 0 and <= IBehaviorContext.MaxStepsPerCommand)
            {
                return (int)count;
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
        }

        throw new ModelRuntimeException("LOOP_CARDINALITY_INVALID",
            $"The loopCardinality '{expression.Source}' of multi-instance '{activity.DisplayName}' is '{value}', not a whole number from 0 to {IBehaviorContext.MaxStepsPerCommand}.");
    }
}
