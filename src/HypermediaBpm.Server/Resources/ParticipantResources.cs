using System.Globalization;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>Participants as resources: who owns work, with links to their worklist, its feed and what they can claim.</summary>
public static class ParticipantResources
{
    /// <param name="administer">Whether the reader is an administrator: only then are the commands that change participants offered.</param>
    /// <param name="account">A user's sign-in state (groups, disabled), when read.</param>
    /// <param name="members">A group's members, when read.</param>
    /// <param name="mayReadWorklist">Whether the reader may read this participant's worklist feed (their own, their group's, or an operator).</param>
    public static Resource Participant(ParticipantRecord p, bool administer = true, UserAccount? account = null, IReadOnlyList<string>? members = null, bool mayReadWorklist = true)
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
        if (account is not null)
        {
            r.Properties["groups"] = account.Groups;
            r.Properties["disabled"] = account.Disabled;
            r.Properties["canSignIn"] = account.PasswordHash is not null && !account.Disabled;
            foreach (var group in account.Groups)
            {
                r.Links.Add(new Link(Rels.Related, Uris.Participant(ParticipantKinds.Group, group), "Group " + group, Name: group));
            }
        }

        if (members is not null)
        {
            r.Properties["members"] = members;
        }

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

        if (mayReadWorklist)
        {
            FeedResources.LinkFeed(r, Uris.WithQuery(Uris.WorklistFeed, feedParameter), "Worklist feed (Atom)");
        }

        Variants.AddAlternates(r, "hal", "json");
        if (administer)
        {
            if (account is not null)
            {
                UserTemplates(r, account);
            }

            r.Templates.Add(new Template { Name = "remove", Method = "DELETE", Target = r.SelfHref, Title = $"Remove {p.Kind} '{p.Id}'" });
        }

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
            new TemplateProperty("password", "Password (a user who should sign in; 8 characters or more)", "password"),
            new TemplateProperty("groups", "Groups (a user's, comma-separated: e.g. managers, operators)"),
        },
    };

    /// <summary>An administrator's commands on a user: reset the password, disable or enable, set the groups.</summary>
    private static void UserTemplates(Resource r, UserAccount account)
    {
        r.Templates.Add(new Template
        {
            Name = "reset-password",
            Method = "POST",
            Target = Uris.UserAction(account.Id, "password"),
            Title = $"Set a new password for '{account.Id}'",
            Properties = { new TemplateProperty("password", "New password (8 characters or more)", "password", Required: true) },
        });
        r.Templates.Add(account.Disabled
            ? new Template { Name = "enable", Method = "POST", Target = Uris.UserAction(account.Id, "enable"), Title = $"Enable '{account.Id}'" }
            : new Template { Name = "disable", Method = "POST", Target = Uris.UserAction(account.Id, "disable"), Title = $"Disable '{account.Id}' (sessions and tokens stop at once)" });
        r.Templates.Add(new Template
        {
            Name = "set-groups",
            Method = "PUT",
            Target = Uris.UserAction(account.Id, "groups"),
            Title = $"Groups of '{account.Id}'",
            Properties = { new TemplateProperty("groups", "Groups (comma-separated)", Value: string.Join(", ", account.Groups)) },
        });
    }
}
