using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Behaviors;
using HypermediaBpm.Engine.Behaviors.Activities;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Engine.Commanding;

/// <summary>
/// Checks a migration before anything changes: every active element of the instance (its tokens, inside subprocesses
/// and multi-instance bodies too; the catchers its subscriptions and conditional events listen with; its incidents and
/// what it can still compensate) must map to an element of the target that behaves the same way — the same behaviour,
/// for events the same kind of trigger, for activities the same loop shape, inside the mapped scope. Each element that
/// does not is one error, so a person sees everything to fix at once.
/// </summary>
internal sealed class MigrationPlanner(
    ProcessInstance instance, DeployedProcess source, DeployedProcess target, MigrationPlan plan, BehaviorTable behaviors)
{
    /// <summary>The problem code of a refused migration (422).</summary>
    public const string InvalidCode = "MIGRATION_INVALID";

    private readonly List<ValidationError> _errors = [];
    private readonly HashSet<(string, string)> _reported = [];

    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <summary>The errors of the plan for this instance and the subscriptions it holds (none: it can migrate).</summary>
    public IReadOnlyList<ValidationError> Validate(IReadOnlyList<SubscriptionRecord> subscriptions)
    {
        foreach (var sourceId in plan.Mapping?.Keys ?? [])
        {
            if (!source.Process.ElementsById.ContainsKey(sourceId))
            {
                Add(sourceId, "MAPPING_UNKNOWN", $"The mapping names '{sourceId}', which version {source.Record.Version} does not have.");
            }
        }

        foreach (var token in instance.Tokens)
        {
            CheckToken(token);
        }

        foreach (var subscription in subscriptions)
        {
            if (source.Process.ElementsById.GetValueOrDefault(subscription.ActivityId) is FlowNode catcher)
            {
                CheckCatcher(catcher);
            }
        }

        // Conditional events hold no subscription: they listen while their activity or scope runs.
        foreach (var start in ConditionalStarts(source.Process))
        {
            CheckCatcher(start);
        }

        foreach (var incident in instance.Incidents)
        {
            Check(incident.ActivityId);
        }

        if (instance.HasCompensations)
        {
            foreach (var record in instance.Compensations)
            {
                Check(record.ActivityId);
                if (record.HandlerId is { } handler)
                {
                    Check(handler);
                }
            }
        }

        return _errors;
    }

    private void CheckToken(Token token)
    {
        if (Check(token.ActivityId) is not { } mapped)
        {
            return;
        }

        var node = source.Node(token.ActivityId);
        var scope = token.ScopeId is null ? null : instance.Tokens.Find(t => t.Id == token.ScopeId);
        if (token.LoopCounter is not null && scope is not null)
        {
            // One instance of a loop or multi-instance activity belongs to the body at the same activity.
            if (plan.Map(scope.ActivityId) != mapped.Id)
            {
                Add(node.Id, "SCOPE_DIFFERS", $"'{node.Id}' is one instance of its multi-instance body; it must map where the body maps ('{plan.Map(scope.ActivityId)}').");
            }
        }
        else
        {
            var expected = scope is null ? null : plan.Map(scope.ActivityId);
            var actual = mapped.Container is FlowNode container ? container.Id : null;
            if (expected != actual)
            {
                Add(node.Id, "SCOPE_DIFFERS", expected is null
                    ? $"'{node.Id}' runs at process level, but '{mapped.Id}' of version {target.Record.Version} is inside '{actual}'."
                    : $"'{node.Id}' runs inside '{scope!.ActivityId}', but '{mapped.Id}' of version {target.Record.Version} is not inside '{expected}'.");
            }
        }

        if (node is ParallelGateway or InclusiveGateway or ComplexGateway && token.ViaFlowId is { } via && !mapped.Incoming.Exists(f => f.Id == via))
        {
            // A waiting join counts its arrivals by flow: the flow must arrive at the mapped join too.
            Add(node.Id, "FLOW_MISSING", $"A token waits at the join '{node.Id}' having come by '{via}', which does not lead to '{mapped.Id}' in version {target.Record.Version}.");
        }

        if (node is CallActivity && mapped.Id != node.Id)
        {
            Add(node.Id, "CALL_RENAMED", $"'{node.Id}' waits for an instance it called, which names it as its caller; it cannot be renamed while it waits.");
        }

        if (node is Activity activity && token.LoopCounter is null)
        {
            foreach (var boundary in activity.BoundaryEvents.Where(b => b.Trigger is ConditionalEventDefinition))
            {
                CheckCatcher(boundary);
            }

            if (node is SubProcess subProcess && !MultiInstanceBehavior.IsBody(token, activity))
            {
                foreach (var start in ConditionalStarts(subProcess))
                {
                    CheckCatcher(start);
                }
            }
        }
    }

    /// <summary>A catcher (boundary event, event subprocess start, catch event, receive task) that listens now.</summary>
    private void CheckCatcher(FlowNode catcher)
    {
        if (Check(catcher.Id) is not { } mapped)
        {
            return;
        }

        if (catcher is BoundaryEvent boundary && mapped is BoundaryEvent to)
        {
            if (to.AttachedToRef != plan.Map(boundary.AttachedToRef))
            {
                Add(catcher.Id, "ATTACHMENT_DIFFERS", $"'{catcher.Id}' is attached to '{boundary.AttachedToRef}', but '{to.Id}' of version {target.Record.Version} is not attached to '{plan.Map(boundary.AttachedToRef)}'.");
            }

            if (to.CancelActivity != boundary.CancelActivity)
            {
                Add(catcher.Id, "INTERRUPTING_DIFFERS", $"'{catcher.Id}' and '{to.Id}' differ in whether they interrupt their activity.");
            }
        }

        if (catcher is StartEvent start && mapped is StartEvent toStart && toStart.IsInterrupting != start.IsInterrupting)
        {
            Add(catcher.Id, "INTERRUPTING_DIFFERS", $"'{catcher.Id}' and '{toStart.Id}' differ in whether they interrupt their scope.");
        }
    }

    /// <summary>The element the source element maps to, when it behaves the same; otherwise null and an error.</summary>
    private FlowNode? Check(string sourceId)
    {
        var targetId = plan.Map(sourceId);
        if (source.Process.ElementsById.GetValueOrDefault(sourceId) is not FlowNode node)
        {
            return null;
        }

        if (target.Process.ElementsById.GetValueOrDefault(targetId) is not FlowNode mapped)
        {
            Add(sourceId, "TARGET_MISSING", $"'{sourceId}' is active and maps to '{targetId}', which version {target.Record.Version} does not have.");
            return null;
        }

        if (behaviors.For(node).GetType() != behaviors.For(mapped).GetType() || node.GetType() != mapped.GetType())
        {
            Add(sourceId, "KIND_DIFFERS", $"'{sourceId}' is a {node.ElementName}, but '{targetId}' of version {target.Record.Version} is a {mapped.ElementName}.");
            return null;
        }

        if (node is Event e && e.Trigger?.GetType() != (mapped as Event)?.Trigger?.GetType())
        {
            Add(sourceId, "TRIGGER_DIFFERS", $"'{sourceId}' catches a {e.Trigger?.ElementName ?? "none"}, but '{targetId}' of version {target.Record.Version} a {((Event)mapped).Trigger?.ElementName ?? "none"}.");
            return null;
        }

        if (node is Activity a && LoopShape(a) != LoopShape((Activity)mapped))
        {
            Add(sourceId, "LOOP_DIFFERS", $"'{sourceId}' is {LoopShape(a)}, but '{targetId}' of version {target.Record.Version} is {LoopShape((Activity)mapped)}.");
            return null;
        }

        return mapped;
    }

    private IEnumerable<StartEvent> ConditionalStarts(IFlowElementContainer container) =>
        source.Structure.EventSubProcessStartsIn(container).Where(s => s.Trigger is ConditionalEventDefinition);

    private static string LoopShape(Activity activity) => activity.LoopCharacteristics switch
    {
        null => "not a loop",
        { IsMultiInstance: false } => "a loop",
        { IsSequential: true } => "a sequential multi-instance",
        _ => "a parallel multi-instance",
    };

    private void Add(string element, string code, string message)
    {
        if (_reported.Add((element, code)))
        {
            _errors.Add(new ValidationError(code, message, Element: element));
        }
    }
}
