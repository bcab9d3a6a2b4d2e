using System.Globalization;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>Participants as resources: who owns work, with links to their worklist, its feed and what they can claim.</summary>
public static class ParticipantResources
{
    public static Resource Participant(ParticipantRecord p)
    {
        var r = new Resource(ResourceKinds.Participant, Uris.Participant(p.Kind, p.Id))
        {
            Title = p.Name is null ? $"{p.Kind} {p.Id}" : $"{p.Name} ({p.Kind} {p.Id})",
            Revision = p.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            LastModified = p.CreatedAt,
        };
        r.Properties["kind"] = p.Kind;
        r.Properties["id"] = p.Id;
        r.Properties["name"] = p.Name;
        r.Properties["createdAt"] = p.CreatedAt;
        r.Links.Add(new Link(Rels.Collection, Uris.Participants));
        r.Links.Add(new Link(Rels.Up, Uris.Participants));
        var feedParameter = (p.Kind, p.Id);
        if (p.Kind == ParticipantKinds.User)
        {
            r.Links.Add(new Link(Rels.Tasks, Uris.WithQuery(Uris.Tasks, ("assignee", p.Id), ("state", TaskStates.Claimed)), "Worklist: tasks assigned to them"));
        }
        else
        {
            r.Links.Add(new Link(Rels.Tasks, Uris.WithQuery(Uris.Tasks, ("candidateGroup", p.Id), ("state", TaskStates.Open)), "Worklist: open tasks the group can claim"));
        }

        FeedResources.LinkFeed(r, Uris.WithQuery(Uris.WorklistFeed, feedParameter), "Worklist feed (Atom)");
        Variants.AddAlternates(r, "hal", "json");
        r.Templates.Add(new Template { Name = "remove", Method = "DELETE", Target = r.SelfHref, Title = $"Remove {p.Kind} '{p.Id}'" });
        return r;
    }

    public static Template AddTemplate() => new()
    {
        Name = "add",
        Method = "POST",
        Target = Uris.Participants,
        Title = "Add a participant",
        Properties =
        {
            new TemplateProperty("kind", "Kind", "select", Required: true, Options: [new TemplateOption(ParticipantKinds.User, "User"), new TemplateOption(ParticipantKinds.Group, "Group")]),
            new TemplateProperty("id", "Id (as tasks name it: assignee, candidate users or groups)", Required: true, Regex: "^[A-Za-z0-9._@-]{1,100}$"),
            new TemplateProperty("name", "Display name"),
        },
    };
}
