using System.Collections;
using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Engine.Execution;

/// <summary>
/// Loop and multi-instance activities. The token that arrives becomes the activity's body: it waits there,
/// holding <c>nrOfInstances</c>, <c>nrOfActiveInstances</c> and <c>nrOfCompletedInstances</c> (a standard
/// loop: <c>loopCounter</c>) as local variables. Each instance is a token inside the body with its own
/// <c>loopCounter</c> (and element variable); when one is done it returns here instead of leaving.
/// </summary>
public sealed partial class ProcessExecution
{
    private const string NrOfInstances = "nrOfInstances";
    private const string NrOfActiveInstances = "nrOfActiveInstances";
    private const string NrOfCompletedInstances = "nrOfCompletedInstances";
    private const string LoopCounterVariable = "loopCounter";

    private void BeginLoop(Token body, Activity activity)
    {
        var loop = activity.LoopCharacteristics!;
        var plan = Process.Loops[activity.Id];
        body.State = TokenState.Waiting;
        if (!loop.IsMultiInstance)
        {
            SetLocalVariable(body, LoopCounterVariable, 0L);
            if (loop.TestBefore && !(plan.LoopCondition?.EvaluateCondition(Variables) ?? true))
            {
                EndLoop(body, activity);
                return;
            }

            StartLoopInstance(body, activity, 0, null);
            return;
        }

        var items = Items(activity);
        var count = items?.Count ?? Cardinality(activity);
        SetLocalVariable(body, NrOfInstances, (long)count);
        SetLocalVariable(body, NrOfCompletedInstances, 0L);
        SetLocalVariable(body, NrOfActiveInstances, (long)(count == 0 ? 0 : loop.IsSequential ? 1 : count));
        if (loop.OutputCollection is { Length: > 0 } output)
        {
            SetLocalVariable(body, output, Enumerable.Repeat<object?>(null, count).ToList());
        }

        if (count == 0)
        {
            EndLoop(body, activity);
            return;
        }

        for (var i = 0; i < (loop.IsSequential ? 1 : count); i++)
        {
            StartLoopInstance(body, activity, i, items);
        }
    }

    private void StartLoopInstance(Token body, Activity activity, int index, IList? items)
    {
        var instance = Instance.NewToken(activity.Id, body.Id, Now, body.ViaFlowId);
        instance.LoopCounter = index;
        SetLocalVariable(instance, LoopCounterVariable, (long)index);
        if (activity.LoopCharacteristics!.ElementVariable is { Length: > 0 } element && items is not null)
        {
            SetLocalVariable(instance, element, index < items.Count ? items[index] : null);
        }

        Schedule(instance);
    }

    /// <summary>One instance is done: count it, then start the next, or end the loop when it is complete.</summary>
    private void CompleteLoopInstance(Token instance, Activity activity)
    {
        var loop = activity.LoopCharacteristics!;
        var plan = Process.Loops[activity.Id];
        var body = ScopeOf(instance);
        var saved = Variables.Current;
        Variables.Current = instance;
        try
        {
            if (loop.OutputCollection is { Length: > 0 } output && plan.OutputElement is { } element
                && body?.Variables?.GetValueOrDefault(output) is List<object?> collected && instance.LoopCounter < collected.Count)
            {
                collected[instance.LoopCounter!.Value] = element.Evaluate(Variables);
            }

            Remove(instance, activity, HistoryTypes.ActivityCompleted);
            if (body is null)
            {
                return;
            }

            if (!loop.IsMultiInstance)
            {
                var next = Convert.ToInt32(body.Variables![LoopCounterVariable], CultureInfo.InvariantCulture) + 1;
                SetLocalVariable(body, LoopCounterVariable, (long)next);
                Variables.Current = body;
                var again = (plan.Maximum is not { } max || next < max) && (plan.LoopCondition?.EvaluateCondition(Variables) ?? true);
                if (again)
                {
                    StartLoopInstance(body, activity, next, null);
                }
                else
                {
                    EndLoop(body, activity);
                }

                return;
            }

            var locals = body.Variables!;
            var completed = Convert.ToInt64(locals[NrOfCompletedInstances], CultureInfo.InvariantCulture) + 1;
            var total = Convert.ToInt64(locals[NrOfInstances], CultureInfo.InvariantCulture);
            var active = Convert.ToInt64(locals[NrOfActiveInstances], CultureInfo.InvariantCulture) - 1;
            locals[NrOfCompletedInstances] = completed;
            locals[NrOfActiveInstances] = active;
            var done = completed >= total || (plan.Completion?.EvaluateCondition(Variables) ?? false);
            if (done)
            {
                foreach (var other in Instance.Tokens.Where(t => t.ScopeId == body.Id).ToList())
                {
                    Withdraw(other);
                }

                locals[NrOfActiveInstances] = 0L;
                EndLoop(body, activity);
            }
            else if (loop.IsSequential)
            {
                locals[NrOfActiveInstances] = 1L;
                Variables.Current = body;
                StartLoopInstance(body, activity, (int)completed, Items(activity));
            }
        }
        finally
        {
            Variables.Current = saved;
        }
    }

    /// <summary>The body leaves the activity by its outgoing flows; a Zeebe output collection goes to the enclosing scope.</summary>
    private void EndLoop(Token body, Activity activity)
    {
        var saved = Variables.Current;
        Variables.Current = body;
        if (activity.LoopCharacteristics!.OutputCollection is { Length: > 0 } output && body.Variables?.Remove(output, out var collected) == true)
        {
            SetVariables(new Dictionary<string, object?> { [output] = collected }, activity);
        }

        body.State = TokenState.Ready;
        Leave(body, activity);
        Variables.Current = saved;
    }

    /// <summary>The collection a multi-instance runs over (null when it counts by <c>loopCardinality</c>).</summary>
    private IList? Items(Activity activity)
    {
        if (Process.Loops[activity.Id].Collection is not { } collection)
        {
            return null;
        }

        return collection.Evaluate(Variables) switch
        {
            IList list => list,
            null => throw new ModelRuntimeException("LOOP_COLLECTION_INVALID",
                $"The collection '{collection.Source}' of multi-instance '{activity.DisplayName}' is null."),
            var other => throw new ModelRuntimeException("LOOP_COLLECTION_INVALID",
                $"The collection '{collection.Source}' of multi-instance '{activity.DisplayName}' is a {other.GetType().Name}, not a list."),
        };
    }

    private int Cardinality(Activity activity)
    {
        var expression = Process.Loops[activity.Id].Cardinality!;
        var value = expression.Evaluate(Variables);
        try
        {
            var count = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            if (count is >= 0 and <= MaxStepsPerCommand)
            {
                return (int)count;
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
        }

        throw new ModelRuntimeException("LOOP_CARDINALITY_INVALID",
            $"The loopCardinality '{expression.Source}' of multi-instance '{activity.DisplayName}' is '{value}', not a whole number from 0 to {MaxStepsPerCommand}.");
    }
}
