using System.Globalization;
using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>Process definitions as resources.</summary>
public static class ProcessResources
{
    public const string BpmnXmlExtra = "bpmn_xml";
    public const string ModelExtra = "model";

    /// <summary>A process (its latest version at <c>/processes/{key}</c>, or one version), with the transitions allowed now.</summary>
    /// <param name="latest">The latest version of the same key.</param>
    /// <param name="source">Its BPMN document: the text for JSON clients, the bytes for <c>application/bpmn+xml</c>.</param>
    /// <param name="canDelete">No instance of the process is still going.</param>
    /// <param name="asLatest">Addressed as "the latest version" (<c>/processes/{key}</c>) rather than as its own version URI.</param>
    /// <param name="rights">Who asks: <c>start</c> and <c>reserve</c> for its starters, <c>edit</c> and <c>delete</c> for admins.</param>
    /// <param name="firstCreatedAt">When the first version was deployed: the process's <c>created_at</c>.</param>
    public static Resource Process(
        DeployedProcess deployed, DefinitionRecord latest, BpmnSource source, bool canDelete, bool asLatest, Permissions rights, DateTimeOffset firstCreatedAt)
    {
        var d = deployed.Record;
        var isLatest = d.Version == latest.Version;
        var self = asLatest ? Uris.Process(d.Key) : Uris.ProcessVersion(d.Key, d.Version);

        var r = new Resource(ResourceKinds.Process, self) { Title = d.Name, Revision = canDelete ? d.Id : d.Id + ".live", LastModified = d.UpdatedAt };
        AddFields(r, d, firstCreatedAt);
        r.Properties["bpmn_xml"] = source.Text;
        r.Extras[BpmnXmlExtra] = source;
        r.Extras[ModelExtra] = deployed;
        r.Links.Add(new Link(Rels.Collection, Uris.Processes));
        AddLinks(r, d, latest.Version, asLatest);

        // The messages it starts on or waits for: where another system posts them (the webhooks).
        foreach (var name in Engine.Triggers.MessageUses.Of(deployed).Select(u => u.Name).Distinct(StringComparer.Ordinal))
        {
            r.Links.Add(new Link(Rels.Messages, Uris.Message(name), $"Message '{name}'", Name: name));
        }

        Variants.AddAlternates(r, "hal", "json", "bpmn", "txt");
        FeedResources.LinkFeed(r, Uris.ProcessFeed(d.Key), "Instances feed (Atom)");
        if (d.Executable && deployed.NoneStartEvent is not null && rights.MayStart(deployed.Process))
        {
            // A process that only a timer, message or signal starts cannot be started by a request.
            var versionQuery = asLatest ? string.Empty : "?version=" + d.Version.ToString(CultureInfo.InvariantCulture);
            r.Templates.Add(StartTemplate(deployed, Uris.StartInstance(d.Key) + versionQuery));
            r.Templates.Add(ReservationResources.ReserveTemplate(deployed, Uris.ProcessReservations(d.Key) + versionQuery));
        }

        if (isLatest && rights.MayAdminister)
        {
            // Every field is optional: a name alone makes a new version of the same model.
            var edit = new Template { Name = "edit", Method = "PUT", Target = Uris.Process(d.Key), Title = "Deploy a new version" };
            edit.Properties.Add(new TemplateProperty("name", "Name", Value: d.Name));
            edit.Properties.Add(new TemplateProperty("bpmn_xml", "BPMN 2.0 XML (empty: keep the model)", "textarea"));
            edit.Properties.Add(new TemplateProperty("version", "Version (empty: the next one)", "number"));
            edit.Properties.Add(ExecutableProperty(d.Executable));
            r.Templates.Add(edit);
            if (canDelete)
            {
                r.Templates.Add(new Template { Name = "delete", Method = "DELETE", Target = Uris.Process(d.Key), Title = "Delete this process" });
            }
        }

        return r;
    }

    /// <summary>
    /// A process as a member of the process list: its stored fields (the description as the store cut it) and links,
    /// built from the definition row alone. Neither the model nor its document is read for a list, so a page of
    /// processes costs the same whatever their models weigh; the templates are on the process itself (<c>item</c>).
    /// </summary>
    public static Resource Summary(DefinitionRecord d, DateTimeOffset firstCreatedAt)
    {
        var r = new Resource(ResourceKinds.Process, Uris.Process(d.Key)) { Title = d.Name, LastModified = d.UpdatedAt };
        AddFields(r, d, firstCreatedAt);
        AddLinks(r, d, d.Version, asLatest: true);
        Variants.AddAlternates(r, "hal", "json", "bpmn");
        FeedResources.LinkFeed(r, Uris.ProcessFeed(d.Key), "Instances feed (Atom)");
        return r;
    }

    /// <summary>
    /// The fields of contract §4. The <c>id</c> is the process's key, the same for every version, so the id a client
    /// reads is the one it puts in <c>/processes/{id}</c>; <c>definitionId</c> names this very version.
    /// </summary>
    private static void AddFields(Resource r, DefinitionRecord d, DateTimeOffset firstCreatedAt)
    {
        r.Properties["id"] = d.Key;
        r.Properties["key"] = d.Key;
        r.Properties["name"] = d.Name;
        r.Properties["version"] = d.Version;
        r.Properties["description"] = d.Description;
        r.Properties["executable"] = d.Executable;
        if (d.HistoryTimeToLive is { } ttl)
        {
            // Only when the model sets one: without it the server default applies, which is the operator's, not the model's.
            r.Properties["historyTimeToLive"] = System.Xml.XmlConvert.ToString(ttl);
        }

        r.Properties["definitionId"] = d.Id;
        r.Properties["created_at"] = firstCreatedAt;
        r.Properties["updated_at"] = d.UpdatedAt;
    }

    /// <summary>
    /// The deploy and edit forms' choice to keep a model for documentation only. A ticked checkbox sends
    /// <c>executable=true</c>; an unticked one on the server's own page sends nothing, which means false there.
    /// </summary>
    private static TemplateProperty ExecutableProperty(bool executable) =>
        new("executable", "Executable (untick to deploy for documentation only: diagram, source and description, no start)", "checkbox",
            Value: executable ? "true" : "false");

    /// <summary>The links a process has in a list too (a list adds <c>collection</c> itself).</summary>
    private static void AddLinks(Resource r, DefinitionRecord d, int latestVersion, bool asLatest)
    {
        r.Links.Add(new Link(Rels.Instances, Uris.WithQuery(Uris.Instances, ("process", d.Key)), "Instances"));
        r.Links.Add(new Link(Rels.Tasks, Uris.WithQuery(Uris.Tasks, ("process", d.Key)), "Tasks"));
        r.Links.Add(new Link(Rels.Reservations, Uris.ProcessReservations(d.Key), "Reservations (try-confirm/cancel)"));
        r.Links.Add(new Link(Rels.Source, Variants.UriFor(Uris.ProcessVersion(d.Key, d.Version), "bpmn"), "BPMN 2.0 XML", MediaTypes.Bpmn));
        r.Links.Add(new Link(Rels.Diagram, asLatest ? Uris.ProcessDiagram(d.Key) : Uris.ProcessVersionDiagram(d.Key, d.Version), "Diagram", MediaTypes.Svg));
        r.Links.Add(new Link(Rels.VersionHistory, Uris.ProcessVersions(d.Key), "All versions"));
        r.Links.Add(new Link(Rels.LatestVersion, Uris.ProcessVersion(d.Key, latestVersion)));
        if (d.Version > 1)
        {
            r.Links.Add(new Link(Rels.PredecessorVersion, Uris.ProcessVersion(d.Key, d.Version - 1)));
        }

        if (d.Version != latestVersion)
        {
            r.Links.Add(new Link(Rels.SuccessorVersion, Uris.ProcessVersion(d.Key, d.Version + 1)));
        }
    }

    public static Template StartTemplate(DeployedProcess deployed, string target)
    {
        var start = new Template { Name = "start", Method = "POST", Target = target, Title = $"Start '{deployed.Record.Name}'" };
        foreach (var field in deployed.NoneStartEvent?.FormFields ?? [])
        {
            start.Properties.Add(FormTemplates.Property(field));
        }

        start.Properties.Add(new TemplateProperty("businessKey", "Business key"));
        return start;
    }

    public static Template DeployTemplate() => new()
    {
        Name = "deploy",
        Method = "POST",
        Target = Uris.Processes,
        Title = "Deploy a BPMN 2.0 model",
        Properties =
        {
            new TemplateProperty("name", "Name"),
            new TemplateProperty("bpmn_xml", "BPMN 2.0 XML", "textarea", Required: true),
            ExecutableProperty(executable: true),
        },
    };

    public static Resource Versions(string key, IReadOnlyList<DefinitionRecord> versions)
    {
        var r = new Resource(ResourceKinds.ProcessVersions, Uris.ProcessVersions(key)) { Title = $"Versions of {key}" };
        r.Properties["key"] = key;
        r.Properties["total"] = versions.Count;
        r.Links.Add(new Link(Rels.Up, Uris.Process(key)));
        r.Links.Add(new Link(Rels.LatestVersion, Uris.ProcessVersion(key, versions[0].Version)));
        foreach (var v in versions)
        {
            var item = new Resource(ResourceKinds.Process, Uris.ProcessVersion(key, v.Version)) { Title = $"{v.Name} v{v.Version}" };
            item.Properties["id"] = v.Key;
            item.Properties["definitionId"] = v.Id;
            item.Properties["key"] = v.Key;
            item.Properties["name"] = v.Name;
            item.Properties["version"] = v.Version;
            item.Properties["executable"] = v.Executable;
            item.Properties["created_at"] = v.CreatedAt;
            r.Links.Add(new Link(Rels.Item, item.SelfHref, item.Title));
            r.Embed(Rels.Item, item);
        }

        Variants.AddAlternates(r, "hal", "json");
        return r;
    }
}
