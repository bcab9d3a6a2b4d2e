using System.Globalization;
using HypermediaBpm.Engine.Batches;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// Batch operations as resources: a batch (operation, filter, creator, state, progress, first failures) with its
/// <c>cancel</c> while it runs, the collection of batches, and the <c>batch</c> template that creates one (on the batch
/// collection, the instance collection and the operations page).
/// </summary>
public static class BatchResources
{
    /// <summary>The <c>batch</c> template: an operation and the instance list's filter fields, prefilled with <paramref name="filter"/>.</summary>
    public static Template BatchTemplate(BatchOperations operations, BatchFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var t = new Template { Name = "batch", Method = "POST", Target = Uris.Batches, Title = "Batch operation on the instances the filter selects" };
        t.Properties.Add(new TemplateProperty("operation", "Operation", "select", Required: true,
            Options: operations.All.OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => new TemplateOption(o.Name, o.Title)).ToList()));
        t.Properties.Add(new TemplateProperty("process", "Process key", Value: filter?.ProcessKey));
        t.Properties.Add(new TemplateProperty("state", "Instance state", "select", Value: filter?.State,
            Options: [new TemplateOption(string.Empty, "Any state"), .. InstanceStates.All.Select(s => new TemplateOption(s, s))]));
        t.Properties.Add(new TemplateProperty("businessKey", "Business key", Value: filter?.BusinessKey));
        return t;
    }

    /// <summary>One batch with its progress, failures and links; <c>cancel</c> only while it runs.</summary>
    public static Resource Batch(BatchRecord b)
    {
        var r = Summary(b);
        r.Properties["failures"] = b.Failures.Select(f => new Dictionary<string, object?>
        {
            ["instanceId"] = f.InstanceId,
            ["code"] = f.Code,
            ["detail"] = f.Detail,
        }).ToList();
        r.Properties["failuresShown"] = b.Failures.Count;
        r.Links.Add(new Link(Rels.Up, Uris.Batches, "Batches"));
        r.Links.Add(new Link(Rels.Instances, Uris.WithQuery(Uris.Instances, ("process", b.Filter.ProcessKey), ("state", b.Filter.State),
            ("businessKey", b.Filter.BusinessKey)), "The instances its filter selects now"));
        FeedResources.LinkFeed(r, Uris.BatchFeed(b.Id), "Progress (Atom)");
        if (b.State == BatchStates.Running)
        {
            r.Templates.Add(new Template { Name = "cancel", Method = "DELETE", Target = Uris.Batch(b.Id), Title = "Cancel the batch" });
        }

        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    /// <summary>A batch in a list: its state and counts.</summary>
    public static Resource Summary(BatchRecord b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var r = new Resource(ResourceKinds.Batch, Uris.Batch(b.Id))
        {
            Title = $"{b.Operation} of {Describe(b.Filter)}",
            Revision = string.Create(CultureInfo.InvariantCulture, $"{b.State}.{b.Position}"),
            LastModified = b.UpdatedAt,
        };
        r.Properties["id"] = b.Id;
        r.Properties["operation"] = b.Operation;
        r.Properties["filter"] = new Dictionary<string, object?>
        {
            ["process"] = b.Filter.ProcessKey,
            ["state"] = b.Filter.State,
            ["businessKey"] = b.Filter.BusinessKey,
        };
        r.Properties["createdBy"] = b.CreatedBy;
        r.Properties["createdAt"] = b.CreatedAt;
        r.Properties["updatedAt"] = b.UpdatedAt;
        r.Properties["state"] = b.State;
        r.Properties["total"] = b.Total;
        r.Properties["done"] = b.Done;
        r.Properties["failed"] = b.Failed;
        r.Properties["remaining"] = b.State == BatchStates.Running ? b.Total - b.Position : 0;
        r.Links.Add(new Link(Rels.Collection, Uris.Batches));
        return r;
    }

    /// <summary>"instances of expense that are failed": the filter in words.</summary>
    public static string Describe(BatchFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>();
        if (filter.ProcessKey is { } process)
        {
            parts.Add("of " + process);
        }

        if (filter.State is { } state)
        {
            parts.Add(state);
        }

        if (filter.BusinessKey is { } key)
        {
            parts.Add("with business key " + key);
        }

        return parts.Count == 0 ? "all instances" : "instances " + string.Join(", ", parts);
    }
}
