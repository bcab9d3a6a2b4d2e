using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>The views: how each kind of resource is laid out for people.</summary>
public sealed partial class HtmlPage
{
    private void WriteView()
    {
        switch (_resource.Kind)
        {
            case ResourceKinds.Root:
                RootView();
                break;
            case ResourceKinds.ProcessCollection:
                CollectionView("Processes", "key", "version", "description", "updated_at");
                FormNamed("deploy", 2);
                break;
            case ResourceKinds.Process:
                ProcessView();
                break;
            case ResourceKinds.ProcessVersions:
                Table("Versions", Embedded(Rels.Item), "version", "created_at");
                break;
            case ResourceKinds.InstanceCollection:
                SearchForm();
                CollectionView("Instances", "processKey", "businessKey", "state", "startedAt", "endedAt");
                break;
            case ResourceKinds.Instance:
                InstanceView();
                break;
            case ResourceKinds.TaskCollection:
                SearchForm();
                CollectionView("Tasks", "processKey", "state", "assignee", "candidateGroups", "createdAt");
                break;
            case ResourceKinds.Task:
                TaskView();
                break;
            case ResourceKinds.History:
                Pager();
                Table("Events", "Event", Embedded(Rels.Item), "timestamp", "type", "user");
                break;
            case ResourceKinds.Variables:
                VariablesTable(_resource.Properties);
                break;
            case ResourceKinds.Activities:
                ActivitiesTable(Prop("active"));
                break;
            case ResourceKinds.ParticipantCollection:
                CollectionView("Participants", "kind", "id", "createdAt");
                FormNamed("add", 2);
                break;
            case ResourceKinds.Participant:
                Properties(["kind", "id", "name", "createdAt"]);
                break;
            case ResourceKinds.ReservationCollection:
                CollectionView("Reservations", "state", "businessKey", "expires", "createdAt");
                FormNamed("reserve", 2);
                break;
            case ResourceKinds.Reservation:
                Properties(["state", "processKey", "processVersion", "businessKey", "expires", "createdAt", "instanceId", "variables", "participantLink"]);
                FormNamed("confirm", 2);
                FormNamed("cancel", 2);
                break;
            case ResourceKinds.TransactionCollection:
                CollectionView("Transactions", "operation", "state", "createdAt", "updatedAt");
                break;
            case ResourceKinds.IncidentCollection:
                Pager();
                if (Embedded(Rels.Item).Any(item => item.Kind == ResourceKinds.Incident))
                {
                    Incidents(Embedded(Rels.Item));
                }
                else
                {
                    Incidents();
                    Table("Failed instances", Embedded(Rels.Item), "processKey", "businessKey", "startedAt");
                }

                break;
            case ResourceKinds.Incident:
                Properties(["code", "message", "activityName", "createdAt", "processKey", "instanceState"]);
                break;
            case ResourceKinds.MessageCollection:
                Properties(["waiting"]);
                Table("Messages", Embedded(Rels.Item), "waiting", "startsProcesses", "waitingProcesses");
                break;
            case ResourceKinds.Message:
                Properties(["name", "waiting", "startsProcesses", "waitingProcesses", "correlationFields"]);
                Table("Received by", "Process", Receivers(), "activityName", "starts", "correlationKey");
                Table("Open subscriptions", "Message", Embedded(Rels.Item), "correlationKey", "instanceId", "since");
                break;
            case ResourceKinds.JobCollection:
                CollectionView("Jobs", "topic", "activityId", "state", "retries", "lockOwner", "createdAt");
                FormNamed("lock", 2);
                break;
            case ResourceKinds.Diagram:
                Diagram(_resource.SelfHref, _resource.Title ?? "Diagram");
                Properties();
                break;
            default:
                Properties();
                foreach (var (rel, items) in _resource.Embedded)
                {
                    Table(Words.Humanize(RelName(rel)), items);
                }

                break;
        }
    }

    /// <summary>A message's receivers as rows that link their process.</summary>
    private List<Resource> Receivers() =>
        (_resource.Properties.GetValueOrDefault("receivers") as IEnumerable<Dictionary<string, object?>> ?? [])
        .Select(receiver =>
        {
            var row = new Resource(ResourceKinds.Process, Uris.Process((string)receiver["processKey"]!)) { Title = (string?)receiver["processName"] };
            foreach (var (name, value) in receiver)
            {
                row.Properties[name] = value;
            }

            return row;
        }).ToList();

    private void RootView()
    {
        if (Text("version") is { } version)
        {
            _html.Element("p", "Version " + version, ("class", "subtitle")).Line();
        }

        _html.Open("ul", ("class", "counts")).Line();
        Count("processes", "deployed processes", Uris.Processes);
        Count("runningInstances", "running instances", Uris.WithQuery(Uris.Instances, ("state", "running")));
        Count("openTasks", "open tasks", Uris.WithQuery(Uris.Tasks, ("state", "open")));
        _html.Close("ul").Line();

        FormNamed("deploy", 2);

        var feeds = _resource.Links.Where(l => l.Rel == Rels.Feed && !l.Templated).ToList();
        if (feeds.Count > 0)
        {
            Section("feeds", "Feeds");
            _html.Open("ul").Line();
            foreach (var feed in feeds)
            {
                _html.Open("li").Element("a", feed.Title ?? feed.Href, ("rel", feed.Rel), ("href", feed.Href), ("type", feed.Type)).Close("li").Line();
            }

            _html.Close("ul").Close("section").Line();
        }
    }

    private void Count(string property, string label, string href)
    {
        _html.Open("li").Element("strong", Text(property) ?? "0").Element("a", label, ("href", href)).Close("li").Line();
    }

    private void CollectionView(string caption, params string[] columns)
    {
        Pager();
        Table(caption, Embedded(Rels.Item), columns);
    }

    /// <summary>The collection's <c>search</c> link as a filter form, filled in with the current filters.</summary>
    private void SearchForm()
    {
        if (LinkOf(Rels.Search) is not { Templated: true } link)
        {
            return;
        }

        var (action, names) = UriTemplate.Split(link.Href);
        var current = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + _resource.SelfHref).Query);
        var template = new Template { Name = "search", Method = "GET", Target = action, Title = link.Title ?? "Filter" };
        foreach (var name in names.Where(n => n != "page"))
        {
            var value = current.TryGetValue(name, out var v) ? v.ToString() : null;
            template.Properties.Add(name == "state" && StatesFor(Rels.Search) is { } states
                ? new TemplateProperty(name, "State", "select", Value: value, Options: states.Select(s => new TemplateOption(s, s)).ToList())
                : new TemplateProperty(name, Words.Humanize(name), Value: value));
        }

        HtmlForms.Write(_html, template, "filter", _context, null, 2);
    }

    private void ProcessView()
    {
        _html.Open("p", ("class", "subtitle")).Text($"{Text("key")} · version {Text("version")}").Close("p").Line();
        Markdown(Text("description"));
        Properties(["key", "version", "id", "created_at", "updated_at"]);

        if (LinkOf(Rels.Diagram) is { } diagram)
        {
            Section("diagram", "Diagram");
            Diagram(diagram.Href, $"Diagram of {_resource.Title}");
            _html.Close("section").Line();
        }

        if (Template("start") is { } start)
        {
            Section("start", "Start an instance");
            Form(start);
            _html.Close("section").Line();
        }

        Section("instances", "Instances");
        if (_related.TryGetValue(Rels.Instances, out var instances))
        {
            Table("Instances", instances.Embedded.GetValueOrDefault(Rels.Item) ?? [], "businessKey", "state", "startedAt");
        }

        var key = Text("key");
        var filter = new Template { Name = "search", Method = "GET", Target = Uris.Instances, Title = "Instances of this process" };
        filter.Properties.Add(new TemplateProperty("process", Value: key, Type: "hidden"));
        filter.Properties.Add(new TemplateProperty("state", "State", "select", Options: StatesFor(Rels.Instances)!.Select(s => new TemplateOption(s, s)).ToList()));
        HtmlForms.Write(_html, filter, "instance-filter", _context, null, 3);
        _html.Close("section").Line();
    }

    private void InstanceView()
    {
        _html.Open("p", ("class", "subtitle"));
        State(Text("state") ?? "unknown");
        if (LinkOf(Rels.Process) is { } process)
        {
            _html.Text(" · ").Element("a", process.Title ?? "Process", ("href", process.Href));
        }

        _html.Close("p").Line();
        Properties(["businessKey", "startedAt", "endedAt", "id", "processKey", "processVersion"]);
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
                HtmlForms.Write(_html, template, $"{template.Name}-{id}", _context, null, 4);
            }

            _html.Close("article").Line();
        }

        _html.Close("section").Line();
    }

    private void TaskView()
    {
        _html.Open("p", ("class", "subtitle"));
        State(Text("state") ?? "unknown");
        if (LinkOf(Rels.Up) is { } instance)
        {
            _html.Text(" · ").Element("a", "its instance", ("href", instance.Href));
        }

        _html.Close("p").Line();
        Markdown(Text("documentation"));
        Properties(["assignee", "candidateUsers", "candidateGroups", "createdAt", "completedAt", "processKey", "activityId", "id"]);
        if (Template("complete") is { } complete)
        {
            Section("work", "Work on it");
            Form(complete);
            FormNamed("claim");
            FormNamed("unclaim");
            _html.Close("section").Line();
        }
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
