using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>The views of work in progress: an instance (with its tasks, incidents and what it waits for) and a task.</summary>
public sealed partial class HtmlPage
{
    private void InstanceView()
    {
        _html.Open("p", ("class", "subtitle"));
        State(Text("state") ?? "unknown");
        if (LinkOf(Rels.Process) is { } process)
        {
            _html.Text(" · ").Element("a", process.Title ?? "Process", ("href", process.Href));
        }

        _html.Close("p").Line();
        Properties(["businessKey", "startedBy", "startedAt", "endedAt", "id", "processKey", "processVersion"]);
        Incidents();

        if (LinkOf(Rels.Diagram) is { } diagram)
        {
            Section("diagram", "Diagram");
            Diagram(diagram.Href, $"Diagram of {_resource.Title} with its current state");
            _html.Close("section").Line();
        }

        Section("tasks", "Open tasks");
        var tasks = Embedded(Rels.Tasks);
        if (tasks.Count == 0)
        {
            _html.Element("p", "No task is waiting for anyone.", ("class", "hint")).Line();
        }

        foreach (var task in tasks)
        {
            EmbeddedTask(task);
        }

        _html.Close("section").Line();

        if (_related.TryGetValue(Rels.Messages, out var messages) && messages.Embedded.Values.Any(items => items.Count > 0))
        {
            Section("messages", "Waiting for");
            Table("Timers, messages and signals", "Event", messages.Embedded.Values.SelectMany(items => items).ToList());
            foreach (var template in messages.Templates)
            {
                HtmlForms.Write(_html, template, template.Name + "-message", _context, null, 3);
            }

            _html.Close("section").Line();
        }

        Section("variables", "Variables");
        VariablesTable(Prop("variables") as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>());
        _html.Close("section").Line();

        Section("activities", "Where it is");
        ActivitiesTable(Prop("activeActivities"));
        _html.Close("section").Line();

        if (_related.TryGetValue(Rels.History, out var history))
        {
            Section("history", "History");
            Table("Latest events", "Event", history.Embedded.GetValueOrDefault(Rels.Item) ?? [], "timestamp", "user");
            if (LinkOf(Rels.History) is { } all)
            {
                _html.Open("p").Element("a", "The whole history", ("href", all.Href)).Close("p").Line();
            }

            _html.Close("section").Line();
        }
    }

    private void EmbeddedTask(Resource task)
    {
        var id = task.Properties.GetValueOrDefault("id") as string ?? task.SelfHref;
        _html.Open("article", ("aria-labelledby", "task-" + id)).Line();
        _html.Open("h3", ("id", "task-" + id)).Element("a", task.Title ?? "Task", ("rel", Rels.Item), ("href", task.SelfHref)).Close("h3").Line();
        Properties(["state", "assignee", "candidateGroups", "candidateUsers", "createdAt"], task.Properties);
        foreach (var template in task.Templates)
        {
            _written.Add(template);
            HtmlForms.Write(_html, template, $"{template.Name}-{id}", _context, null, 4);
        }

        _html.Close("article").Line();
    }

    /// <summary>The open incidents embedded in the resource, each with what went wrong and its retry/resolve forms.</summary>
    private void Incidents() => Incidents(Embedded(Rels.Incidents));

    private void Incidents(IReadOnlyList<Resource> incidents)
    {
        if (incidents.Count == 0)
        {
            return;
        }

        Section("incidents", "Incidents");
        foreach (var incident in incidents)
        {
            var id = incident.Properties.GetValueOrDefault("id") as string ?? incident.SelfHref;
            _html.Open("article", ("class", "problem"), ("aria-labelledby", "incident-" + id)).Line();
            _html.Open("h3", ("id", "incident-" + id)).Element("a", incident.Title ?? "Incident", ("rel", Rels.Item), ("href", incident.SelfHref)).Close("h3").Line();
            Properties(["message", "activityName", "createdAt", "instanceId"], incident.Properties);
            if (_resource.Kind != ResourceKinds.Instance && incident.Links.FirstOrDefault(l => l.Rel == Rels.Instance) is { } instance)
            {
                _html.Open("p").Element("a", "Its instance", ("rel", Rels.Instance), ("href", instance.Href)).Close("p").Line();
            }

            foreach (var template in incident.Templates)
            {
                _written.Add(template);
                if (template.Name == "resolve")
                {
                    // Giving up asks first, on its own page: never one click next to "Retry".
                    GiveUpLink(incident);
                    continue;
                }

                HtmlForms.Write(_html, template, $"{template.Name}-{id}", _context, null, 4);
            }

            _html.Close("article").Line();
        }

        _html.Close("section").Line();
    }

    private void VariablesTable(IReadOnlyDictionary<string, object?> variables)
    {
        if (variables.Count == 0)
        {
            _html.Element("p", "No variables.", ("class", "hint")).Line();
            return;
        }

        _html.Open("div", ("class", "table-wrap")).Open("table").Line();
        _html.Open("thead").Open("tr").Element("th", "Name", ("scope", "col")).Element("th", "Value", ("scope", "col")).Close("tr").Close("thead").Line();
        _html.Open("tbody").Line();
        foreach (var (name, value) in variables)
        {
            _html.Open("tr").Element("th", name, ("scope", "row")).Open("td");
            Value(name, value);
            _html.Close("td").Close("tr").Line();
        }

        _html.Close("tbody").Close("table").Close("div").Line();
    }

    private void ActivitiesTable(object? activities)
    {
        if (activities is not IEnumerable<Dictionary<string, object?>> rows || !rows.Any())
        {
            _html.Element("p", "No activity is active.", ("class", "hint")).Line();
            return;
        }

        _html.Open("div", ("class", "table-wrap")).Open("table").Line();
        _html.Open("thead").Open("tr");
        foreach (var column in new[] { "Activity", "State", "Since", "Task" })
        {
            _html.Element("th", column, ("scope", "col"));
        }

        _html.Close("tr").Close("thead").Line();
        _html.Open("tbody").Line();
        foreach (var row in rows)
        {
            _html.Open("tr").Element("th", Display(row.GetValueOrDefault("name")) ?? Display(row.GetValueOrDefault("activityId")), ("scope", "row"));
            _html.Open("td");
            State(Display(row.GetValueOrDefault("state")) ?? "unknown");
            _html.Close("td").Open("td");
            Value("since", row.GetValueOrDefault("since"));
            _html.Close("td").Open("td");
            if (row.GetValueOrDefault("taskId") is string taskId)
            {
                _html.Element("a", "Open the task", ("href", Uris.Task(taskId)));
            }

            _html.Close("td").Close("tr").Line();
        }

        _html.Close("tbody").Close("table").Close("div").Line();
    }
}
