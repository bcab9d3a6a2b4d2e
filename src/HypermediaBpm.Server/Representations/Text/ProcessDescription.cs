using System.Text;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Definitions;

namespace HypermediaBpm.Server.Representations.Text;

/// <summary>
/// A process told in plain sentences ("Starts when … Then 'Approve expense' is done by the managers group.
/// At 'Over 1,000?': if yes, … otherwise …"), walked breadth-first from the start so each step is told once.
/// </summary>
public static class ProcessDescription
{
    public static string Describe(DeployedProcess deployed)
    {
        var process = deployed.Process;
        var text = new StringBuilder();
        text.Append('\'').Append(deployed.Record.Name).Append("' (version ").Append(deployed.Record.Version).AppendLine(")");
        if (!string.IsNullOrWhiteSpace(process.Documentation))
        {
            text.AppendLine(process.Documentation.Trim());
        }

        text.AppendLine();
        var start = deployed.NoneStartEvent;
        if (start is null)
        {
            return text.AppendLine("It cannot be started by a request.").ToString();
        }

        text.Append(StartSentence(start));
        var told = new HashSet<FlowNode> { start };
        var queue = new Queue<FlowNode>();
        text.AppendLine((" " + NextSentence(start, told, queue)).TrimEnd());
        while (queue.TryDequeue(out var node))
        {
            text.AppendLine($"{NodeSentence(node)} {NextSentence(node, told, queue)}".Trim());
        }

        return text.ToString().TrimEnd() + Environment.NewLine;
    }

    private static string StartSentence(StartEvent start)
    {
        if (start.FormFields.Count == 0)
        {
            return $"Starts when someone starts it ('{start.DisplayName}').";
        }

        var fields = start.FormFields.Select(f => $"{f.Label ?? f.Id} ({FieldKind(f)}{(f.Required ? ", required" : string.Empty)})");
        return $"Starts when someone fills in {string.Join(", ", fields)}.";
    }

    private static string FieldKind(FormField f) => f.Type switch
    {
        "long" => "a whole number",
        "boolean" => "yes or no",
        "date" => "a date",
        "enum" => "one of " + string.Join(", ", f.Values.Select(v => v.Value)),
        _ => "text",
    };

    private static string NodeSentence(FlowNode node) => node switch
    {
        UserTask t => $"'{t.DisplayName}' is done by {Who(t)}.",
        ScriptTask t => $"'{t.DisplayName}' runs by itself (a script).",
        ManualTask t => $"'{t.DisplayName}' is done by hand.",
        EndEvent e when e.Trigger is TerminateEventDefinition => $"At '{e.DisplayName}' everything still going on stops and the process ends.",
        EndEvent e => $"It ends at '{e.DisplayName}'.",
        ExclusiveGateway g when g.Outgoing.Count > 1 => $"At '{g.DisplayName}' one way is taken:",
        ParallelGateway g => $"At '{g.DisplayName}' the work splits.",
        Gateway g => $"At '{g.DisplayName}':",
        _ => $"'{node.DisplayName}' happens.",
    };

    private static string Who(UserTask t)
    {
        var parts = new List<string>();
        if (t.Assignee is { Length: > 0 } a)
        {
            parts.Add(a);
        }

        parts.AddRange(t.CandidateUsers);
        parts.AddRange(t.CandidateGroups.Select(g => $"the {g} group"));
        return parts.Count == 0 ? "anyone" : string.Join(" or ", parts);
    }

    /// <summary>What follows a node; queues what has not been told yet.</summary>
    private static string NextSentence(FlowNode node, HashSet<FlowNode> told, Queue<FlowNode> queue)
    {
        var targets = node.Outgoing.Where(f => f.Target is not null).ToList();
        if (targets.Count == 0)
        {
            return string.Empty;
        }

        string Refer(SequenceFlow flow)
        {
            // A gateway that only merges or joins is not a step of its own: tell where it leads instead.
            var target = flow.Target!;
            var prefix = string.Empty;
            for (var hops = 0; target is Gateway { Outgoing.Count: 1 } merge && merge.Outgoing[0].Target is { } after && hops < 16; hops++)
            {
                if (merge is ParallelGateway && merge.Incoming.Count > 1)
                {
                    prefix = "once all parallel work is done, ";
                }

                target = after;
            }

            if (told.Add(target))
            {
                queue.Enqueue(target);
            }

            return $"{prefix}'{target.DisplayName}'";
        }

        if (node is ExclusiveGateway gateway && targets.Count > 1)
        {
            var branches = targets.Where(f => f != gateway.DefaultFlow).Select(f => $"if {Condition(f)}, {Refer(f)}").ToList();
            if (gateway.DefaultFlow is { } otherwise)
            {
                branches.Add($"otherwise {Refer(otherwise)}");
            }

            return string.Join("; ", branches) + ".";
        }

        if (targets.Count > 1)
        {
            return $"Then {string.Join(" and ", targets.Select(Refer))} happen at the same time.";
        }

        return $"Then {Refer(targets[0])}.";
    }

    private static string Condition(SequenceFlow flow)
    {
        var expression = flow.ConditionExpression?.Trim();
        return (flow.Name, expression) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } e) => $"{name} ({e})",
            ({ Length: > 0 } name, _) => name,
            (_, { Length: > 0 } e) => e,
            _ => "nothing else holds",
        };
    }
}
