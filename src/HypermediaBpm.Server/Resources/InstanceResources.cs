using System.Globalization;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>Process instances as resources.</summary>
public static class InstanceResources
{
    public const string ModelExtra = "model";
    public const string InstanceExtra = "instance";

    /// <summary>The instance with the tasks and templates this user may see and use.</summary>
    /// <param name="startedBy">Who started it (the user of its first history event); null when the server did (timer, message).</param>
    public static Resource Instance(ProcessInstance i, DeployedProcess process, IReadOnlyList<TaskRecord> openTasks, string? startedBy, Permissions rights)
    {
        var r = new Resource(ResourceKinds.Instance, Uris.Instance(i.Id))
        {
            Title = $"{process.Record.Name} #{ShortId(i.Id)}",
            Revision = i.Revision.ToString(CultureInfo.InvariantCulture),
            LastModified = i.UpdatedAt,
        };
        r.Extras[ModelExtra] = process;
        r.Extras[InstanceExtra] = i;
        r.Properties["id"] = i.Id;
        r.Properties["businessKey"] = i.BusinessKey;
        r.Properties["state"] = i.State;
        r.Properties["processKey"] = i.ProcessKey;
        r.Properties["processVersion"] = i.ProcessVersion;
        r.Properties["startedAt"] = i.StartedAt;
        r.Properties["startedBy"] = startedBy;
        r.Properties["endedAt"] = i.EndedAt;
        r.Properties["variables"] = i.Variables;
        r.Properties["activeActivities"] = ActiveActivities(i, process);
        if (i.Incidents.Count > 0)
        {
            r.Properties["incidents"] = i.Incidents.Select(x => new Dictionary<string, object?>
            {
                ["id"] = x.Id, ["activityId"] = x.ActivityId, ["code"] = x.Code, ["message"] = x.Message, ["createdAt"] = x.CreatedAt,
            }).ToList();
        }

        r.Links.Add(new Link(Rels.Collection, Uris.Instances));
        if (i.Parent is { } parent)
        {
            // A called instance belongs to the instance that called it; its definition stays one bpm:process away.
            r.Properties["parentInstanceId"] = parent.InstanceId;
            r.Links.Add(new Link(Rels.Up, Uris.Instance(parent.InstanceId), $"Called by #{ShortId(parent.InstanceId)}"));
        }
        else
        {
            r.Links.Add(new Link(Rels.Up, Uris.ProcessVersion(i.ProcessKey, i.ProcessVersion), process.Record.Name));
        }

        r.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(i.ProcessKey, i.ProcessVersion), process.Record.Name));
        r.Links.Add(new Link(Rels.Tasks, Uris.WithQuery(Uris.Tasks, ("instance", i.Id)), "Tasks"));
        r.Links.Add(new Link(Rels.History, Uris.InstanceHistory(i.Id), "History"));
        r.Links.Add(new Link(Rels.Variables, Uris.InstanceVariables(i.Id), "Variables"));
        r.Links.Add(new Link(Rels.Activities, Uris.InstanceActivities(i.Id), "Activities"));
        r.Links.Add(new Link(Rels.Messages, Uris.InstanceMessages(i.Id), "What it waits for"));
        r.Links.Add(new Link(Rels.Diagram, Uris.InstanceDiagram(i.Id), "Diagram", MediaTypes.Svg));
        if (HasCallActivity(process))
        {
            r.Links.Add(new Link(Rels.Instances, Uris.WithQuery(Uris.Instances, ("parent", i.Id)), "Called instances"));
        }

        foreach (var task in openTasks.Where(rights.MaySee))
        {
            // Embedded with their templates, so a worker can complete a task straight from the instance.
            r.Embed(Rels.Tasks, TaskResources.Task(task, process.Process.ElementsById.GetValueOrDefault(task.ActivityId) as Bpmn.Model.UserTask, i, rights));
        }

        r.Links.Add(new Link(Rels.Incidents, Uris.InstanceIncidents(i.Id), "Incidents"));
        foreach (var incident in i.Incidents)
        {
            // Embedded with their templates, so a person can retry or resolve straight from the instance.
            r.Embed(Rels.Incidents, IncidentResources.Incident(i, incident, process, rights));
        }

        Variants.AddAlternates(r, "hal", "json", "txt");
        FeedResources.LinkFeed(r, Uris.InstanceFeed(i.Id), "History feed (Atom)");
        if (!rights.MayOperate)
        {
            return r;
        }

        if (i.State is InstanceStates.Running or InstanceStates.Failed)
        {
            r.Templates.Add(new Template { Name = "suspend", Method = "POST", Target = Uris.InstanceAction(i.Id, "suspend"), Title = "Suspend" });
        }

        if (i.State == InstanceStates.Suspended)
        {
            r.Templates.Add(new Template { Name = "resume", Method = "POST", Target = Uris.InstanceAction(i.Id, "resume"), Title = "Resume" });
        }

        if (!i.IsEnded)
        {
            r.Templates.Add(new Template { Name = "cancel", Method = "DELETE", Target = Uris.Instance(i.Id), Title = "Cancel" });
        }

        if (i.State is InstanceStates.Running or InstanceStates.Failed)
        {
            r.Templates.Add(ModifyTemplate(i, process));
        }

        return r;
    }

    /// <summary>
    /// The <c>modify</c> template (one instruction per submission; JSON clients may send several): cancel an active
    /// activity instance, or start before or after an activity of the model.
    /// </summary>
    public static Template ModifyTemplate(ProcessInstance i, DeployedProcess process)
    {
        var modify = new Template { Name = "modify", Method = "POST", Target = Uris.InstanceAction(i.Id, "modification"), Title = "Modify: move the instance by hand" };
        modify.Properties.Add(new TemplateProperty("type", "Instruction", "select", Required: true, Options:
        [
            new TemplateOption("cancel", "Cancel an active activity instance"),
            new TemplateOption("startBeforeActivity", "Start before an activity"),
            new TemplateOption("startAfterActivity", "Start after an activity"),
        ]));
        modify.Properties.Add(new TemplateProperty("activityInstanceId", "Activity instance (to cancel)", "select", Options:
            i.Tokens.Select(t => new TemplateOption(t.Id, $"{t.Id}: {(process.Process.ElementsById.GetValueOrDefault(t.ActivityId) as Bpmn.Model.FlowElement)?.DisplayName ?? t.ActivityId} ({t.State.ToString().ToLowerInvariant()})")).ToList()));
        modify.Properties.Add(new TemplateProperty("activityId", "Activity (to start before or after)", "select", Options: ActivityOptions.GetValue(process, StartableActivities)));
        return modify;
    }

    /// <summary>The activities of a definition as choices, worked out once per deployed definition (every instance representation shows them).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DeployedProcess, IReadOnlyList<TemplateOption>> ActivityOptions = new();

    private static IReadOnlyList<TemplateOption> StartableActivities(DeployedProcess process) =>
        process.Process.ElementsById.Values.OfType<Bpmn.Model.FlowNode>().Where(n => n is not Bpmn.Model.BoundaryEvent)
            .Select(n => new TemplateOption(n.Id, n.DisplayName == n.Id ? n.Id : $"{n.DisplayName} ({n.Id})")).OrderBy(o => o.Prompt, StringComparer.Ordinal).ToList();

    /// <summary>A list member: the queryable columns only.</summary>
    public static Resource Summary(InstanceSummary s)
    {
        var r = new Resource(ResourceKinds.Instance, Uris.Instance(s.Id))
        {
            Title = $"{s.ProcessKey} #{ShortId(s.Id)}",
            Revision = s.Revision.ToString(CultureInfo.InvariantCulture),
            LastModified = s.UpdatedAt,
        };
        r.Properties["id"] = s.Id;
        r.Properties["businessKey"] = s.BusinessKey;
        r.Properties["state"] = s.State;
        r.Properties["processKey"] = s.ProcessKey;
        r.Properties["processVersion"] = s.ProcessVersion;
        r.Properties["startedAt"] = s.StartedAt;
        r.Properties["endedAt"] = s.EndedAt;
        r.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(s.ProcessKey, s.ProcessVersion)));
        return r;
    }

    /// <summary>The instance's tokens; a call activity's also names the instance it waits for (<c>calledInstanceId</c>).</summary>
    public static List<Dictionary<string, object?>> ActiveActivities(ProcessInstance i, DeployedProcess process) =>
        i.Tokens.Select(t =>
        {
            var activity = new Dictionary<string, object?>
            {
                ["id"] = t.Id,
                ["activityId"] = t.ActivityId,
                ["name"] = process.Process.ElementsById.TryGetValue(t.ActivityId, out var e) ? (e as Bpmn.Model.FlowElement)?.Name : null,
                ["state"] = t.State.ToString().ToLowerInvariant(),
                ["since"] = t.Since,
                ["taskId"] = t.WorkItemId,
            };
            if (t.CalledInstanceId is { } called)
            {
                activity["calledInstanceId"] = called;
                activity["calledInstance"] = Uris.Instance(called);
            }

            return activity;
        }).ToList();

    /// <summary>Only a model with call activities can have called instances to list.</summary>
    private static bool HasCallActivity(DeployedProcess process) =>
        process.Process.ElementsById.Values.Any(e => e is Bpmn.Model.CallActivity);

    public static string ShortId(string id) => id.Length > 8 ? id[^8..] : id;
}
