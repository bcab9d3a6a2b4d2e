using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>User tasks as resources.</summary>
public static class TaskResources
{
    /// <summary>
    /// A task with the transitions this user may make now; <paramref name="instance"/> decides whether it can be
    /// worked on at all, <paramref name="rights"/> which of its templates are this user's.
    /// </summary>
    public static Resource Task(TaskRecord t, UserTask? node, ProcessInstance instance, Permissions rights)
    {
        var r = Summary(t);
        r.Properties["formFields"] = FormTemplates.Describe(node?.FormFields ?? []);
        r.Properties["draft"] = t.DraftJson is null ? null : Engine.ProcessEngine.DraftOf(t);
        r.Properties["documentation"] = node?.Documentation;
        r.Links.Add(new Link(Rels.Collection, Uris.Tasks));
        r.Links.Add(new Link(Rels.Up, Uris.Instance(t.InstanceId)));
        r.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(instance.ProcessKey, instance.ProcessVersion)));
        r.Links.Add(new Link(Rels.Variables, Uris.InstanceVariables(t.InstanceId), "Variables"));
        Variants.AddAlternates(r, "hal", "json");
        var workable = TaskStates.IsActive(t.State) && instance.State is InstanceStates.Running or InstanceStates.Failed;
        if (!workable)
        {
            return r;
        }

        if (rights.MayClaim(t))
        {
            // Claims for the signed-in user: there is no one else to name.
            r.Templates.Add(new Template { Name = "claim", Method = "POST", Target = Uris.TaskAction(t.Id, "claim"), Title = "Claim" });
        }
        else if (t.State == TaskStates.Claimed && rights.MayUnclaim(t))
        {
            r.Templates.Add(new Template { Name = "unclaim", Method = "POST", Target = Uris.TaskAction(t.Id, "unclaim"), Title = "Unclaim" });
        }

        if (rights.MayAssign)
        {
            var assign = new Template { Name = "assign", Method = "POST", Target = Uris.TaskAction(t.Id, "assign"), Title = "Assign" };
            assign.Properties.Add(new TemplateProperty("assignee", "Assignee", Required: true, Value: t.Assignee));
            r.Templates.Add(assign);
        }

        if (!rights.MayWorkOn(t))
        {
            return r;
        }

        // A saved draft's values come first, then the instance's variables: the forms show what was last saved.
        var draft = Engine.ProcessEngine.DraftOf(t);
        var complete = new Template { Name = "complete", Method = "POST", Target = Uris.TaskAction(t.Id, "complete"), Title = $"Complete '{t.Name}'" };
        var update = new Template { Name = "update", Method = "PUT", Target = Uris.Task(t.Id), Title = $"Save '{t.Name}'" };
        foreach (var field in node?.FormFields ?? [])
        {
            var value = draft.TryGetValue(field.Id, out var saved) ? saved : instance.Variables.GetValueOrDefault(field.Id);
            complete.Properties.Add(FormTemplates.Property(field, value));
            update.Properties.Add(FormTemplates.Property(field, value) with { Required = false });
        }

        update.Properties.Add(new TemplateProperty(Inputs.TaskDrafts.CompleteField, "Complete the task too", "checkbox"));
        r.Templates.Add(complete);
        r.Templates.Add(update);
        return r;
    }

    /// <summary>A list member (or an embedded task): the record's fields and links, no templates.</summary>
    public static Resource Summary(TaskRecord t)
    {
        var r = new Resource(ResourceKinds.Task, Uris.Task(t.Id))
        {
            Title = t.Name,
            Revision = t.Revision.ToString(CultureInfo.InvariantCulture),
            LastModified = t.UpdatedAt,
        };
        r.Properties["id"] = t.Id;
        r.Properties["name"] = t.Name;
        r.Properties["activityId"] = t.ActivityId;
        r.Properties["state"] = t.State;
        r.Properties["assignee"] = t.Assignee;
        r.Properties["candidateUsers"] = t.CandidateUsers;
        r.Properties["candidateGroups"] = t.CandidateGroups;
        r.Properties["createdAt"] = t.CreatedAt;
        r.Properties["due"] = t.DueAt;
        r.Properties["completedAt"] = t.CompletedAt;
        r.Properties["completedBy"] = t.CompletedBy;
        r.Properties["instanceId"] = t.InstanceId;
        r.Properties["processKey"] = t.ProcessKey;
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(t.InstanceId)));
        return r;
    }
}
