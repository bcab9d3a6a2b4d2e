using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// A task's page shows the work: which case it is (business key, process), the data to decide on, one primary action
/// ("Complete"), claiming for oneself or giving back, where the instance is in its diagram, what the process is about
/// and what happened so far.
/// </summary>
public sealed partial class HtmlPage
{
    private void TaskView()
    {
        _related.TryGetValue(WorkResources.WorkRelated, out var work);
        TaskSubtitle(work);
        var actions = new[] { "claim", "unclaim" }.Select(Template).OfType<Template>().ToList();
        if (actions.Count > 0)
        {
            _html.Open("div", ("class", "actions"));
            foreach (var action in actions)
            {
                Form(action);
            }

            _html.Close("div").Line();
        }

        Markdown(Text("documentation"));
        if (work?.Properties.GetValueOrDefault("data") is IEnumerable<BusinessValue> data)
        {
            var values = data.ToList();
            var editable = Template("complete")?.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            Section("data", "The case");
            if (values.All(v => v.Value is null))
            {
                _html.Element("p", "This instance holds no data yet.", ("class", "empty")).Line();
            }

            // What the form asks for is in the form; everything else the process knows is shown here, readable.
            BusinessData(values.Where(v => !editable.Contains(v.Name)));
            _html.Close("section").Line();
        }

        if (Template("complete") is { } complete)
        {
            Section("work", "Your decision");
            Form(complete);
            FormNamed("update");
            _html.Close("section").Line();
        }
        else if (Text("state") is "open" or "claimed")
        {
            _html.Element("p", "Claim the task to work on it, or ask whoever it is assigned to.", ("class", "hint")).Line();
        }

        if (Template("assign") is { } assign)
        {
            _html.Open("details", ("class", "more")).Element("summary", "Assign to someone else").Line();
            Form(assign);
            _html.Close("details").Line();
        }

        if (LinkOf(Rels.Up) is { } instance)
        {
            Section("where", "Where the case is");
            Diagram(instance.Href + "/diagram", $"Diagram of the instance of {work?.Title ?? "this task"}, with this task active");
            _html.Close("section").Line();
        }

        if (work?.Properties.GetValueOrDefault("processDocumentation") is string { Length: > 0 } about)
        {
            Section("process", "About " + (work.Title ?? "the process"));
            Markdown(about);
            _html.Close("section").Line();
        }

        if (work?.Embedded.GetValueOrDefault(Rels.History) is { Count: > 0 } history)
        {
            Section("history", "What happened so far");
            Table("Latest events", "Event", history, ["timestamp", "user"], null, null);
            _html.Close("section").Line();
        }

        _html.Open("details", ("class", "more")).Element("summary", "Task details").Line();
        Properties(["assignee", "candidateUsers", "candidateGroups", "createdAt", "due", "completedAt", "completedBy", "processKey", "activityId", "id"]);
        _html.Close("details").Line();
    }

    private void TaskSubtitle(Resource? work)
    {
        _html.Open("p", ("class", "subtitle"));
        State(Text("state") ?? "unknown");
        if (Text("assignee") is { } assignee)
        {
            _html.Text(assignee == _context.User?.Name ? " · claimed by you" : " · assigned to " + assignee);
        }

        if (LinkOf(Rels.Process) is { } process)
        {
            _html.Text(" · ").Element("a", work?.Title ?? process.Title ?? "Process", ("href", process.Href));
        }

        if (work?.Properties.GetValueOrDefault("businessKey") is string { Length: > 0 } key)
        {
            _html.Text(" · ").Element("strong", key, ("class", "business-key"));
        }

        if (Prop("due") is DateTimeOffset due && Text("state") is "open" or "claimed")
        {
            _html.Text(" · ");
            Due(due);
        }

        if (LinkOf(Rels.Up) is { } instance)
        {
            _html.Text(" · ").Element("a", "its instance", ("href", instance.Href));
        }

        _html.Close("p").Line();
    }
}
