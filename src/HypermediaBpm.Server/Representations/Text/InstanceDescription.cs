using System.Globalization;
using System.Text;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;

namespace HypermediaBpm.Server.Representations.Text;

/// <summary>An instance told in plain sentences ("running for 2 h, waiting for the managers group to 'Approve expense'").</summary>
public static class InstanceDescription
{
    public static string Describe(ProcessInstance instance, DeployedProcess process, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.Append("Instance ").Append(instance.Id).Append(" of '").Append(process.Record.Name).Append("' (version ")
            .Append(instance.ProcessVersion).Append(')');
        if (instance.BusinessKey is { } key)
        {
            text.Append(", business key ").Append(key);
        }

        text.AppendLine(".");
        text.Append("Started ").Append(Stamp(instance.StartedAt)).Append(". ");
        text.AppendLine(instance.State switch
        {
            InstanceStates.Completed => $"Completed {Stamp(instance.EndedAt!.Value)}, after {Span(instance.EndedAt.Value - instance.StartedAt)}.",
            InstanceStates.Terminated => $"Cancelled {Stamp(instance.EndedAt!.Value)}, after {Span(instance.EndedAt.Value - instance.StartedAt)}.",
            InstanceStates.Suspended => $"Suspended; it was {Waiting(instance, process)}.",
            InstanceStates.Failed => $"Running for {Span(now - instance.StartedAt)}, but stopped: {Incidents(instance, process)}",
            _ => $"Running for {Span(now - instance.StartedAt)}, {Waiting(instance, process)}.",
        });
        return text.ToString();
    }

    private static string Waiting(ProcessInstance instance, DeployedProcess process)
    {
        var waits = instance.Tokens.Where(t => t.State == TokenState.Waiting).Select(t => Wait(process.Node(t.ActivityId))).ToList();
        return waits.Count == 0 ? "not waiting for anyone" : "waiting for " + string.Join(" and for ", waits);
    }

    private static string Wait(FlowNode node) => node switch
    {
        UserTask t when t.CandidateGroups.Count > 0 => $"the {string.Join(" or ", t.CandidateGroups)} group to do '{t.DisplayName}'",
        UserTask t when t.Assignee is { Length: > 0 } a => $"{a} to do '{t.DisplayName}'",
        UserTask t when t.CandidateUsers.Count > 0 => $"{string.Join(" or ", t.CandidateUsers)} to do '{t.DisplayName}'",
        IntermediateCatchEvent { Trigger: TimerEventDefinition } e => $"the timer '{e.DisplayName}'",
        IntermediateCatchEvent { Trigger: MessageEventDefinition m } e => $"message '{Engine.Triggers.EventSubscriptions.MessageName(m)}' at '{e.DisplayName}'",
        IntermediateCatchEvent { Trigger: SignalEventDefinition g } e => $"signal '{Engine.Triggers.EventSubscriptions.SignalName(g)}' at '{e.DisplayName}'",
        ReceiveTask r => $"message '{r.Message?.Name ?? r.Id}' at '{r.DisplayName}'",
        EventBasedGateway g => $"whichever event comes first after '{g.DisplayName}'",
        ServiceTask { Topic: { Length: > 0 } topic } t => $"a '{topic}' worker to do '{t.DisplayName}'",
        _ => $"'{node.DisplayName}'",
    };

    private static string Incidents(ProcessInstance instance, DeployedProcess process) =>
        string.Join(" ", instance.Incidents.Select(i => $"at '{process.Node(i.ActivityId).DisplayName}': {i.Message}"));

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 2 } => $"{(int)span.TotalDays} days",
        { TotalHours: >= 2 } => $"{(int)span.TotalHours} h",
        { TotalMinutes: >= 2 } => $"{(int)span.TotalMinutes} minutes",
        _ => $"{Math.Max(0, (int)span.TotalSeconds)} s",
    };
}
