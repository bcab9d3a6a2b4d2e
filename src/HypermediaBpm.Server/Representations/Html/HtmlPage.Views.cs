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
                Pager();
                Table("Processes", "Name", Embedded(Rels.Item), ["key", "version", "updated_at"], null,
                    "Nothing is deployed yet. Deploy a BPMN 2.0 model with the form below.");
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
                InstanceList();
                break;
            case ResourceKinds.Instance:
                InstanceView();
                break;
            case ResourceKinds.TaskCollection:
                SearchForm();
                Pager();
                Table("Tasks", "Task", Embedded(Rels.Item), ["processKey", "state", "assignee", "candidateGroups", "createdAt", "due"], null,
                    Filtered() ? "No task matches these filters. Clear them to see every task you may see." : "No tasks. Tasks appear here when a process reaches a user task.");
                Pager();
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
                IncidentView();
                break;
            case ResourceKinds.Operations:
                OperationsView();
                break;
            case ResourceKinds.ProcessOperations:
                ProcessOperationsView();
                break;
            case ResourceKinds.GiveUp:
                GiveUpView();
                break;
            case ResourceKinds.BatchCollection:
                BatchCollectionView();
                break;
            case ResourceKinds.Batch:
                BatchView();
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
            case ResourceKinds.Feed:
                FeedView();
                break;
            case ResourceKinds.Diagram:
                DiagramView();
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

    /// <summary>
    /// Instances as a list people read: titled by business key (else a short id), with the process's name, state, when
    /// and by whom it started and its active steps (those from <see cref="InstanceRows"/>, loaded for pages only).
    /// </summary>
    private void InstanceList()
    {
        var items = Embedded(Rels.Item);
        var details = _related.TryGetValue(InstanceRows.Related, out var rows)
            ? (rows.Embedded.GetValueOrDefault(Rels.Item) ?? []).ToDictionary(r => r.SelfHref, StringComparer.Ordinal)
            : [];
        var merged = items.Select(item =>
        {
            var row = new Resource(item.Kind, item.SelfHref) { Title = item.Title };
            foreach (var (name, value) in item.Properties)
            {
                row.Properties[name] = value;
            }

            foreach (var (name, value) in details.GetValueOrDefault(item.SelfHref)?.Properties ?? [])
            {
                row.Properties[name] = value;
            }

            return row;
        }).ToList();
        Pager();
        Table("Instances", "Instance", merged, details.Count > 0 ? ["processName", "state", "startedAt", "startedBy", "activeSteps"] : ["processKey", "state", "startedAt"],
            InstanceTitle, Filtered() ? "No instance matches these filters. Clear them to see every instance you may see." : "No instances yet. Start one from a process's page.");
        Pager();
    }

    /// <summary>Whether the list is filtered (anything in its query but paging).</summary>
    private bool Filtered() =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + _resource.SelfHref).Query).Keys.Any(k => k is not ("page" or "pageSize"));

    private void CollectionView(string caption, params string[] columns)
    {
        Pager();
        Table(caption, Embedded(Rels.Item), columns);
    }

    /// <summary>The collection's <c>search</c> link as a filter form, filled in with the current filters.</summary>
    private void SearchForm()
    {
        // The list's search template (filters, sort and order with their options) when it has one, else its templated link.
        if (Template("search") is { Method: "GET" } search)
        {
            _written.Add(search);
            // On the list's own page the form's id is the template's name (contract §3).
            HtmlForms.Write(_html, search, search.Name, _context, null, 2);
        }
        else if (LinkOf(Rels.Search) is { Templated: true } link)
        {
            LinkForm(link, "filter", 2, Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + _resource.SelfHref).Query));
        }
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
}
