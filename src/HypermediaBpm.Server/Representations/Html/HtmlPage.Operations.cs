using System.Globalization;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>The operations view for operators: counts per process, the heatmap of a process, incidents and giving up.</summary>
public sealed partial class HtmlPage
{
    /// <summary>Per process how many instances run, are suspended, failed, completed; each links its heatmap.</summary>
    private void OperationsTable(Resource operations)
    {
        var items = operations.Embedded.GetValueOrDefault(Rels.Item) ?? [];
        Table("Instances per process", "Process", items, ["running", "suspended", "failed", "completed"], null,
            "No instances yet. Start one from a process's page.");
    }

    private void OperationsView()
    {
        _html.Element("p", "What runs, what waits and what failed, per process. Open a process for its heatmap.", ("class", "subtitle")).Line();
        OperationsTable(_resource);
        if (LinkOf(Rels.Incidents) is { } incidents)
        {
            _html.Open("p").Element("a", "All incidents", ("href", incidents.Href)).Close("p").Line();
        }
    }

    private void ProcessOperationsView()
    {
        _html.Open("p", ("class", "subtitle"));
        if (LinkOf(Rels.Process) is { } process)
        {
            _html.Element("a", process.Title ?? "The process", ("href", process.Href));
        }

        _html.Close("p").Line();
        if (LinkOf(Rels.Diagram) is { } heatmap)
        {
            Section("heatmap", "Heatmap");
            Diagram(heatmap.Href, $"Heatmap of {Text("processName")}: waiting counts, incidents and time spent per element");
            _html.Open("ul", ("class", "legend"), ("aria-label", "Legend")).Line();
            _html.Element("li", "● number: instances waiting there now");
            _html.Element("li", "⚠ red outline: open incidents");
            _html.Element("li", "fill from pale to orange: average time spent, relative to the slowest element");
            _html.Close("ul").Line();
            _html.Close("section").Line();
        }

        Section("elements", "Per element");
        ElementStatistics(Prop("elements") as IEnumerable<Dictionary<string, object?>> ?? []);
        _html.Close("section").Line();

        Section("failed", "Failed instances");
        Table("Failed instances", "Instance", Embedded(Rels.Item), ["state", "startedAt"], InstanceTitle,
            "No instance of this process has failed.");
        if (LinkOf(Rels.Instances) is { } all)
        {
            _html.Open("p").Element("a", "All failed instances of this process", ("href", all.Href)).Close("p").Line();
        }

        _html.Close("section").Line();
    }

    private void ElementStatistics(IEnumerable<Dictionary<string, object?>> elements)
    {
        var rows = elements.ToList();
        if (rows.Count == 0)
        {
            _html.Element("p", "Nothing has happened in this process yet.", ("class", "empty")).Line();
            return;
        }

        _html.Open("div", ("class", "table-wrap")).Open("table", ("class", "rows")).Line();
        _html.Element("caption", "Waiting, incidents and time spent per element (time over the latest instances)");
        _html.Open("thead").Open("tr");
        foreach (var column in new[] { "Element", "Waiting", "Incidents", "Left", "Average time" })
        {
            _html.Element("th", column, ("scope", "col"));
        }

        _html.Close("tr").Close("thead").Line();
        _html.Open("tbody").Line();
        foreach (var row in rows)
        {
            _html.Open("tr").Element("th", Display(row.GetValueOrDefault("name")), ("scope", "row"));
            _html.Element("td", Display(row.GetValueOrDefault("waiting")), ("class", "num"), ("data-label", "Waiting"));
            var incidents = row.GetValueOrDefault("incidents") is long n ? n : 0;
            _html.Element("td", incidents > 0 ? "⚠ " + incidents.ToString(CultureInfo.InvariantCulture) : "0", ("class", "num"), ("data-label", "Incidents"));
            _html.Element("td", Display(row.GetValueOrDefault("completed")), ("class", "num"), ("data-label", "Left"));
            _html.Element("td", row.GetValueOrDefault("averageSeconds") is double s ? OperationsResources.Seconds(s) : "—", ("class", "num"), ("data-label", "Average time"));
            _html.Close("tr").Line();
        }

        _html.Close("tbody").Close("table").Close("div").Line();
    }

    /// <summary>
    /// An incident: the error, the failing element highlighted on the instance's diagram, the variables to fix, "Retry" as
    /// the primary action and "Give up" as a secondary link to a page that asks first.
    /// </summary>
    private void IncidentView()
    {
        _html.Open("div", ("class", "problem"), ("role", "status"));
        _html.Open("p").Element("strong", Text("code")).Close("p");
        _html.Element("p", Text("message"));
        _html.Close("div").Line();
        Properties(["activityName", "createdAt", "processKey", "instanceState"]);
        if (LinkOf(Rels.Instance) is { } instance)
        {
            _html.Open("p").Element("a", "Its instance", ("href", instance.Href)).Close("p").Line();
            Section("where", "Where it failed");
            Diagram(instance.Href + "/diagram", $"Diagram of the instance with '{Text("activityName")}' marked as failed");
            _html.Close("section").Line();
        }

        if (Template("retry") is { } retry)
        {
            Section("fix", "Fix and retry");
            _html.Element("p", "Correct the variables if they caused the failure, then run the step again.", ("class", "hint")).Line();
            Form(retry);
            _html.Close("section").Line();
        }

        if (Template("resolve") is { } resolve)
        {
            // The resolve form lives on the confirmation page, one step away: giving up is never one click.
            _written.Add(resolve);
            Section("give-up", "Give up");
            _html.Element("p", "Giving up skips the failed step: the instance goes on as if it had completed.", ("class", "hint")).Line();
            GiveUpLink(_resource);
            _html.Close("section").Line();
        }
    }

    private void GiveUpLink(Resource incident)
    {
        var instanceId = incident.Properties.GetValueOrDefault("instanceId") as string ?? string.Empty;
        var incidentId = incident.Properties.GetValueOrDefault("id") as string ?? string.Empty;
        _html.Open("p").Element("a", "Give up on this step…", ("class", "button secondary"), ("href", Uris.IncidentGiveUp(instanceId, incidentId))).Close("p").Line();
    }

    private void GiveUpView()
    {
        _html.Open("div", ("class", "problem"), ("role", "alert"));
        _html.Element("p", $"The step '{Text("activityName")}' failed with {Text("code")}: {Text("message")}");
        _html.Element("p", "Giving up skips it: the instance goes on as if the step had completed, and what the step should have done is not done. This cannot be undone.");
        _html.Close("div").Line();
        _html.Open("div", ("class", "actions"));
        FormNamed("resolve");
        if (LinkOf(Rels.Up) is { } back)
        {
            _html.Element("a", "No, go back and retry", ("class", "button secondary"), ("href", back.Href));
        }

        _html.Close("div").Line();
    }

    /// <summary>An instance in a list: its business key when it has one, else a short id.</summary>
    private static string InstanceTitle(Resource instance) =>
        Display(instance.Properties.GetValueOrDefault("businessKey")) is { Length: > 0 } key
            ? key
            : "#" + InstanceResources.ShortId(instance.Properties.GetValueOrDefault("id") as string ?? instance.SelfHref);
}
