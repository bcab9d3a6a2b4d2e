using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>Incidents as resources: a failure that waits for a person, with <c>retry</c> and <c>resolve</c> while it can be worked on.</summary>
public static class IncidentResources
{
    public static Resource Incident(ProcessInstance instance, Incident incident, DeployedProcess process, Permissions rights)
    {
        var activity = (process.Process.ElementsById.GetValueOrDefault(incident.ActivityId) as FlowElement)?.Name ?? incident.ActivityId;
        var r = new Resource(ResourceKinds.Incident, Uris.Incident(instance.Id, incident.Id))
        {
            Title = $"{incident.Code} at '{activity}'",
            Revision = instance.Revision.ToString(CultureInfo.InvariantCulture),
            LastModified = instance.UpdatedAt,
        };
        r.Properties["id"] = incident.Id;
        r.Properties["code"] = incident.Code;
        r.Properties["message"] = incident.Message;
        r.Properties["activityId"] = incident.ActivityId;
        r.Properties["activityName"] = activity;
        r.Properties["createdAt"] = incident.CreatedAt;
        r.Properties["instanceId"] = instance.Id;
        r.Properties["processKey"] = instance.ProcessKey;
        r.Properties["instanceState"] = instance.State;
        r.Links.Add(new Link(Rels.Collection, Uris.Incidents));
        r.Links.Add(new Link(Rels.Up, Uris.Instance(instance.Id), "Its instance"));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(instance.Id)));
        r.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(instance.ProcessKey, instance.ProcessVersion), process.Record.Name));
        Variants.AddAlternates(r, "hal", "json");
        if (instance.State == InstanceStates.Failed && rights.MayOperate)
        {
            var retry = new Template
            {
                Name = "retry", Method = "POST", Target = Uris.IncidentAction(instance.Id, incident.Id, "retry"),
                Title = $"Retry '{activity}'",
            };

            // The variables as they are, to fix before the step runs again (a form sends them back typed as they are now).
            foreach (var (name, value) in Inputs.VariableFormValues.Editable(instance.Variables))
            {
                retry.Properties.Add(VariableProperty(name, value));
            }

            r.Templates.Add(retry);
            r.Templates.Add(new Template
            {
                Name = "resolve", Method = "POST", Target = Uris.IncidentAction(instance.Id, incident.Id, "resolve"),
                Title = $"Give up on '{activity}' and go on",
            });
        }

        return r;
    }

    private static TemplateProperty VariableProperty(string name, object? value) => value switch
    {
        bool b => new TemplateProperty(name, name, "checkbox", Value: b ? "true" : "false"),
        long or int => new TemplateProperty(name, name, "number", Value: Convert.ToString(value, CultureInfo.InvariantCulture)),
        string or null => new TemplateProperty(name, name, Value: value as string),
        double or decimal or float => new TemplateProperty(name, name, Value: Convert.ToString(value, CultureInfo.InvariantCulture)),
        _ => new TemplateProperty(name, name, "textarea", Value: Representations.Html.HtmlPage.Display(value)),
    };
}
