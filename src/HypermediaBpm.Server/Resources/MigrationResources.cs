using System.Globalization;
using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// The <c>migrate</c> templates (on an instance, on a process version; operators and admins only, and only when the
/// process has another executable version) and the summary a process version's migration answers with.
/// </summary>
public static class MigrationResources
{
    /// <summary>The most instances one process-version migration moves (it runs in the request; batches run in the background).</summary>
    public const int MaxInstances = 1000;

    public const string TemplateName = "migrate";

    /// <summary>The versions an instance of <paramref name="current"/> can migrate to: every other executable one.</summary>
    public static IReadOnlyList<TemplateOption> TargetOptions(int current, IEnumerable<DefinitionRecord> versions) =>
        versions.Where(v => v.Version != current && v.Executable).OrderByDescending(v => v.Version)
            .Select(v => new TemplateOption(v.Version.ToString(CultureInfo.InvariantCulture), $"Version {v.Version}: {v.Name}")).ToList();

    /// <summary>
    /// The instance's template: the target version, and one field per active element (and the catchers attached to
    /// it) holding where it goes, its own id by default.
    /// </summary>
    public static Template? InstanceTemplate(ProcessInstance i, DeployedProcess process, IReadOnlyList<TemplateOption> targets)
    {
        if (targets.Count == 0 || i.State is not (InstanceStates.Running or InstanceStates.Failed))
        {
            return null;
        }

        var template = new Template { Name = TemplateName, Method = "POST", Target = Uris.InstanceAction(i.Id, "migration"), Title = "Migrate to another version" };
        template.Properties.Add(new TemplateProperty("targetVersion", "Target version", "select", Required: true, Value: targets[0].Value, Options: targets));
        var elements = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var token in i.Tokens)
        {
            elements.Add(token.ActivityId);
            if (process.Process.ElementsById.GetValueOrDefault(token.ActivityId) is Activity activity)
            {
                elements.UnionWith(activity.BoundaryEvents.Select(b => b.Id));
            }
        }

        foreach (var id in elements)
        {
            var name = (process.Process.ElementsById.GetValueOrDefault(id) as FlowElement)?.DisplayName ?? id;
            template.Properties.Add(new TemplateProperty(MigrationInput.MappingPrefix + id, name == id ? $"'{id}' goes to" : $"'{name}' ({id}) goes to", Value: id));
        }

        return template;
    }

    /// <summary>The process version's template: migrate its running and failed instances, or those a filter selects.</summary>
    public static Template? VersionTemplate(DefinitionRecord d, IReadOnlyList<TemplateOption> targets)
    {
        if (targets.Count == 0)
        {
            return null;
        }

        var template = new Template
        {
            Name = TemplateName, Method = "POST", Target = Uris.ProcessVersion(d.Key, d.Version) + "/migration",
            Title = $"Migrate instances of version {d.Version} to another version",
        };
        template.Properties.Add(new TemplateProperty("targetVersion", "Target version", "select", Required: true, Value: targets[0].Value, Options: targets));
        template.Properties.Add(new TemplateProperty("mapping", "Mapping, one 'source=target' per line (empty: every element keeps its id)", "textarea"));
        template.Properties.Add(new TemplateProperty("state", "Only instances that are", "select", Options:
            [new TemplateOption(string.Empty, "running or failed"), new TemplateOption(InstanceStates.Running, "running"), new TemplateOption(InstanceStates.Failed, "failed")]));
        template.Properties.Add(new TemplateProperty("businessKey", "Only the instance with business key"));
        template.Properties.Add(new TemplateProperty("limit", $"At most (up to {MaxInstances})", "number", Value: MaxInstances.ToString(CultureInfo.InvariantCulture)));
        return template;
    }

    /// <summary>What a process-version migration did: how many moved, and each refusal with its problem.</summary>
    public static Resource Summary(DefinitionRecord source, DefinitionRecord target, int selected, IReadOnlyList<string> migrated,
        IReadOnlyList<Dictionary<string, object?>> failed, bool more)
    {
        var r = new Resource(ResourceKinds.MigrationSummary, Uris.ProcessVersion(source.Key, source.Version) + "/migration")
        {
            Title = $"Migration of {source.Key} version {source.Version} to version {target.Version}",
        };
        r.Properties["processKey"] = source.Key;
        r.Properties["sourceVersion"] = source.Version;
        r.Properties["targetVersion"] = target.Version;
        r.Properties["selected"] = selected;
        r.Properties["migrated"] = migrated.Count;
        r.Properties["failed"] = failed.Count;
        r.Properties["more"] = more;
        r.Properties["failures"] = failed;
        r.Links.Add(new Link(Rels.Up, Uris.ProcessVersion(source.Key, source.Version), $"Version {source.Version}"));
        r.Links.Add(new Link(Rels.Process, Uris.ProcessVersion(target.Key, target.Version), $"Version {target.Version}"));
        r.Links.Add(new Link(Rels.Instances, Uris.WithQuery(Uris.Instances, ("process", source.Key)), "Instances"));
        foreach (var id in migrated)
        {
            r.Links.Add(new Link(Rels.Item, Uris.Instance(id)));
        }

        return r;
    }
}
