using System.Globalization;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>The try-confirm/cancel coordinator as resources: each coordination with its participants' outcomes and steps.</summary>
public static class TransactionResources
{
    public static Resource Transaction(TransactionRecord t)
    {
        var r = new Resource(ResourceKinds.Transaction, Uris.Transaction(t.Id))
        {
            Title = $"Transaction {t.Id} ({t.Operation}: {t.State})",
            Revision = t.State + "." + t.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            LastModified = t.UpdatedAt,
        };
        r.Properties["id"] = t.Id;
        r.Properties["operation"] = t.Operation;
        r.Properties["state"] = t.State;
        r.Properties["createdAt"] = t.CreatedAt;
        r.Properties["updatedAt"] = t.UpdatedAt;
        r.Properties["participants"] = t.Participants.Select(Participant).ToList();
        r.Properties["history"] = t.Steps.Select(Step).ToList();
        r.Links.Add(new Link(Rels.Collection, Uris.Transactions, "All transactions"));
        r.Links.Add(new Link(Rels.Up, Uris.Transactions));
        if (t.InstanceId is { } instanceId)
        {
            r.Properties["instanceId"] = instanceId;
            r.Links.Add(new Link(Rels.Instance, Uris.Instance(instanceId), "The instance whose transaction this is"));
        }
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    /// <summary>How a problem document names each participant's outcome (<c>context.participants</c>).</summary>
    public static Dictionary<string, object?> Participant(TransactionParticipant p) => new(StringComparer.Ordinal)
    {
        ["uri"] = p.Uri,
        ["expires"] = p.ExpiresAt,
        ["state"] = p.State,
        ["attempts"] = p.Attempts,
        ["latencyMs"] = p.LatencyMs,
        ["lastStatus"] = p.LastStatus,
    };

    private static Dictionary<string, object?> Step(TransactionStep s) => new(StringComparer.Ordinal)
    {
        ["at"] = s.At,
        ["step"] = s.Step,
        ["participant"] = s.Participant,
        ["detail"] = s.Detail,
    };

    /// <summary>The coordinator's two templates; both take the same body, a list of participant links.</summary>
    public static IEnumerable<Template> CoordinatorTemplates()
    {
        foreach (var (name, target, title) in new[]
        {
            ("confirm", Uris.TransactionsConfirm, "Confirm every participant"),
            ("cancel", Uris.TransactionsCancel, "Cancel every participant"),
        })
        {
            var template = new Template { Name = name, Method = "PUT", Target = target, ContentType = MediaTypes.TccJson, Title = title };
            template.Properties.Add(new TemplateProperty("participantLinks", "Participant links (JSON: [{\"uri\": …, \"expires\": …}])", "textarea", Required: true));
            yield return template;
        }
    }
}
