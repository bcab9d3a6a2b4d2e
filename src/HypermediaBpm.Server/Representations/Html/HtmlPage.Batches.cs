using System.Globalization;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>Batch operations for operators: the list of batches and one batch's progress and failures.</summary>
public sealed partial class HtmlPage
{
    private void BatchCollectionView()
    {
        _html.Element("p", "Operations on every instance a filter selects, worked through in the background in chunks.", ("class", "subtitle")).Line();
        CollectionView("Batches", "operation", "state", "total", "done", "failed", "createdBy", "createdAt");
        FormNamed("batch", 2);
    }

    private void BatchView()
    {
        var total = _resource.Properties.GetValueOrDefault("total") is int t ? t : 0;
        var done = _resource.Properties.GetValueOrDefault("done") is int d ? d : 0;
        var failed = _resource.Properties.GetValueOrDefault("failed") is int f ? f : 0;
        var processed = (done + failed).ToString(CultureInfo.InvariantCulture);
        _html.Open("p").Element("progress", $"{processed} of {total}", ("max", Math.Max(total, 1).ToString(CultureInfo.InvariantCulture)),
            ("value", processed), ("aria-label", "Progress")).Text($" {processed} of {total} processed").Close("p").Line();
        Properties(["operation", "state", "total", "done", "failed", "remaining", "createdBy", "createdAt", "updatedAt"]);
        if (Prop("filter") is IReadOnlyDictionary<string, object?> filter)
        {
            Section("filter", "Filter");
            Properties(["process", "state", "businessKey"], filter);
            _html.Close("section").Line();
        }

        Section("failures", "Failures");
        BatchFailures(Prop("failures") as IEnumerable<Dictionary<string, object?>> ?? [], failed);
        _html.Close("section").Line();
        FormNamed("cancel", 2);
    }

    private void BatchFailures(IEnumerable<Dictionary<string, object?>> failures, int failed)
    {
        var rows = failures.ToList();
        if (rows.Count == 0)
        {
            _html.Element("p", "No instance has failed.", ("class", "empty")).Line();
            return;
        }

        if (failed > rows.Count)
        {
            _html.Element("p", $"The first {rows.Count} of {failed} failures.", ("class", "hint")).Line();
        }

        _html.Open("div", ("class", "table-wrap")).Open("table", ("class", "rows")).Line();
        _html.Element("caption", "Instances the operation failed on");
        _html.Open("thead").Open("tr");
        foreach (var column in new[] { "Instance", "Code", "Detail" })
        {
            _html.Element("th", column, ("scope", "col"));
        }

        _html.Close("tr").Close("thead").Line().Open("tbody").Line();
        foreach (var row in rows)
        {
            var id = Display(row.GetValueOrDefault("instanceId")) ?? string.Empty;
            _html.Open("tr").Open("th", ("scope", "row")).Element("a", "#" + InstanceResources.ShortId(id), ("href", Uris.Instance(id))).Close("th");
            _html.Element("td", Display(row.GetValueOrDefault("code")), ("data-label", "Code"));
            _html.Element("td", Display(row.GetValueOrDefault("detail")), ("data-label", "Detail"));
            _html.Close("tr").Line();
        }

        _html.Close("tbody").Close("table").Close("div").Line();
    }
}
