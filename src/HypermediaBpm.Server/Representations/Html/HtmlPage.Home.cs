using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>The home page: the signed-in user's work first, operators' counts, then where to go for the rest.</summary>
public sealed partial class HtmlPage
{
    private void RootView()
    {
        _html.Open("p", ("class", "subtitle"));
        if (LinkOf(Rels.Me) is { } me)
        {
            _html.Element("a", me.Title ?? "Me", ("href", me.Href)).Text(" · ");
        }

        _html.Text(Text("version") is { } version ? "Version " + version : "HypermediaBpm");
        _html.Close("p").Line();
        if (LinkOf(Rels.Login) is { } login)
        {
            // Signed out, signing in is the one thing to do here.
            _html.Open("p").Element("a", login.Title ?? "Sign in", ("rel", login.Rel), ("href", login.Href), ("class", "button")).Close("p").Line();
        }

        if (_related.TryGetValue(WorkResources.InboxRelated, out var inbox))
        {
            Inbox(inbox);
        }

        if (_related.TryGetValue(OperationsResources.OverviewRelated, out var operations))
        {
            Section("operations", "Operations");
            OperationsTable(operations);
            _html.Open("p").Element("a", "Open the operations view", ("href", Uris.Operations)).Close("p").Line();
            _html.Close("section").Line();
        }

        if (Prop("processes") is not null)
        {
            Section("everything", "Everything");
            _html.Open("ul", ("class", "counts")).Line();
            Count("processes", "deployed processes", Uris.Processes);
            Count("runningInstances", "running instances", Uris.WithQuery(Uris.Instances, ("state", "running")));
            Count("openTasks", "open tasks", Uris.WithQuery(Uris.Tasks, ("state", "open")));
            _html.Close("ul").Line();
            _html.Open("ul", ("class", "quick")).Line();
            _html.Open("li").Element("a", "Start a process", ("href", Uris.Processes)).Close("li");
            _html.Open("li").Element("a", "Find an instance", ("href", Uris.Instances)).Close("li");
            _html.Open("li").Element("a", "Find a task", ("href", Uris.Tasks)).Close("li");
            _html.Close("ul").Line();
            if (Template("deploy") is { } deploy)
            {
                // Deploying is an administrator's occasional job: folded away here, open on the process list.
                _html.Open("details", ("class", "more")).Element("summary", "Deploy a process").Line();
                Form(deploy);
                _html.Close("details").Line();
            }

            _html.Close("section").Line();
        }

        Feeds();
    }

    private void Inbox(Resource inbox)
    {
        Section("mine", "My tasks");
        TaskCards(inbox.Embedded.GetValueOrDefault("mine") ?? [], "Nothing is claimed by you. Claim a task below, or open the task list.",
            inbox.Properties.GetValueOrDefault("mine"), Uris.WithQuery(Uris.Tasks, ("assignee", _context.User?.Name), ("state", "claimed")));
        _html.Close("section").Line();
        Section("claimable", "Tasks I can claim");
        TaskCards(inbox.Embedded.GetValueOrDefault("claimable") ?? [], "No task waits for you or your groups. New tasks appear here when a process reaches them.",
            inbox.Properties.GetValueOrDefault("claimable"), Uris.WithQuery(Uris.Tasks, ("state", "open")));
        _html.Close("section").Line();
    }

    /// <summary>Tasks as cards: name, process, business key, when, the business data, and a claim button where it applies.</summary>
    private void TaskCards(IReadOnlyList<Resource> tasks, string empty, object? total, string more)
    {
        if (tasks.Count == 0)
        {
            _html.Element("p", empty, ("class", "empty")).Line();
            return;
        }

        _html.Open("ul", ("class", "cards")).Line();
        foreach (var task in tasks)
        {
            var id = task.Properties.GetValueOrDefault("id") as string ?? task.SelfHref;
            _html.Open("li", ("class", "card")).Open("article", ("aria-labelledby", "card-" + id)).Line();
            _html.Open("h3", ("id", "card-" + id)).Element("a", task.Title ?? "Task", ("href", task.SelfHref)).Close("h3").Line();
            _html.Open("p", ("class", "meta"));
            _html.Text(Display(task.Properties.GetValueOrDefault("processName")) ?? Display(task.Properties.GetValueOrDefault("processKey")));
            if (Display(task.Properties.GetValueOrDefault("businessKey")) is { Length: > 0 } key)
            {
                _html.Text(" · ").Element("strong", key, ("class", "business-key"));
            }

            _html.Text(" · created ");
            Value("createdAt", task.Properties.GetValueOrDefault("createdAt"));
            if (task.Properties.GetValueOrDefault("due") is DateTimeOffset due)
            {
                _html.Text(" · ");
                Due(due);
            }
            _html.Close("p").Line();
            BusinessData(task.Properties.GetValueOrDefault("data") as IEnumerable<BusinessValue> ?? []);
            foreach (var template in task.Templates)
            {
                HtmlForms.Write(_html, template, $"{template.Name}-{id}", _context, null, 4);
            }

            _html.Close("article").Close("li").Line();
        }

        _html.Close("ul").Line();
        if (total is long n && n > tasks.Count)
        {
            _html.Open("p").Element("a", $"All {n}", ("href", more)).Close("p").Line();
        }
    }

    /// <summary>Business values as a definition list, labelled as the model labels them.</summary>
    private void BusinessData(IEnumerable<BusinessValue> values)
    {
        var shown = values.Where(v => v.Value is not null).ToList();
        if (shown.Count == 0)
        {
            return;
        }

        _html.Open("dl", ("class", "props data")).Line();
        foreach (var value in shown)
        {
            _html.Element("dt", value.Label, ("data-name", value.Name));
            _html.Open("dd", ("data-name", value.Name));
            Value(value.Name, value.Value);
            _html.Close("dd").Line();
        }

        _html.Close("dl").Line();
    }

    private void Count(string property, string label, string href)
    {
        _html.Open("li").Element("strong", Text(property) ?? "0").Element("a", label, ("href", href)).Close("li").Line();
    }

    private void Feeds()
    {
        var feeds = _resource.Links.Where(l => l.Rel == Rels.Feed && !l.Templated).ToList();
        if (feeds.Count == 0)
        {
            return;
        }

        Section("feeds", "Feeds");
        _html.Open("ul").Line();
        foreach (var feed in feeds)
        {
            _html.Open("li").Element("a", feed.Title ?? feed.Href, ("rel", feed.Rel), ("href", feed.Href), ("type", feed.Type)).Close("li").Line();
        }

        _html.Close("ul").Close("section").Line();
    }
}
