using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Triggers;
using HypermediaBpm.Server.Inputs;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>
/// Message names as resources: each name a deployed process starts on or waits for is a webhook another system
/// posts its payload to, and says what it is — who receives it, how many wait now, which field is the key.
/// </summary>
public static class MessageResources
{
    /// <summary>
    /// <c>/messages</c>: one <c>item</c> per message name the latest versions receive or an instance waits for,
    /// and the generic <c>send</c> template.
    /// </summary>
    public static Resource Collection(IReadOnlyList<MessageUse> uses, IReadOnlyList<SubscriptionRecord> waiting, int countLimit)
    {
        var r = new Resource(ResourceKinds.MessageCollection, Uris.Messages) { Title = "Messages" };
        r.Properties["waiting"] = waiting.Count;
        r.Properties["countLimit"] = countLimit;
        r.Links.Add(new Link(Rels.Up, Uris.Root));
        var names = uses.Select(u => u.Name).Concat(waiting.Select(s => s.Name!)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var member = Summary(name, uses.Where(u => u.Name == name).ToList(), waiting.Count(s => s.Name == name));
            r.Links.Add(new Link(Rels.Item, member.SelfHref, member.Title));
            r.Embed(Rels.Item, member);
        }

        Variants.AddAlternates(r, "hal", "json");
        r.Templates.Add(EventResources.SendTemplate(null, null));
        return r;
    }

    /// <summary>
    /// <c>/messages/{name}</c>: who starts on the message or waits for it, the subscriptions open now (<c>item</c>),
    /// the fields its key is read from, and <c>send</c> posting to this webhook.
    /// </summary>
    public static Resource Message(string name, IReadOnlyList<MessageUse> uses, IReadOnlyList<SubscriptionRecord> waiting, int countLimit)
    {
        var r = Summary(name, uses, waiting.Count);
        r.Properties["countLimit"] = countLimit;
        r.Properties["receivers"] = uses.Select(u => new Dictionary<string, object?>
        {
            ["processKey"] = u.ProcessKey,
            ["processName"] = u.ProcessName,
            ["processVersion"] = u.ProcessVersion,
            ["activityId"] = u.ActivityId,
            ["activityName"] = u.ActivityName,
            ["starts"] = u.Starts,
            ["correlationKey"] = u.CorrelationKey,
        }).ToList();
        r.Properties["correlationFields"] = WebhookInput.SearchedFields(uses);
        r.Links.Add(new Link(Rels.Up, Uris.Messages));
        r.Links.Add(new Link(Rels.Collection, Uris.Messages, "Messages"));
        foreach (var process in uses.DistinctBy(u => u.ProcessKey))
        {
            r.Links.Add(new Link(Rels.Process, Uris.Process(process.ProcessKey), process.ProcessName, Name: process.ProcessKey));
        }

        foreach (var subscription in waiting)
        {
            r.Embed(Rels.Item, EventResources.Subscription(subscription));
        }

        Variants.AddAlternates(r, "hal", "json");
        r.Templates.Add(WebhookTemplate(name, uses));
        return r;
    }

    private static Resource Summary(string name, IReadOnlyList<MessageUse> uses, int waiting)
    {
        var r = new Resource(ResourceKinds.Message, Uris.Message(name)) { Title = name };
        r.Properties["name"] = name;
        r.Properties["waiting"] = waiting;
        r.Properties["startsProcesses"] = uses.Where(u => u.Starts).Select(u => u.ProcessKey).Distinct(StringComparer.Ordinal).ToList();
        r.Properties["waitingProcesses"] = uses.Where(u => !u.Starts).Select(u => u.ProcessKey).Distinct(StringComparer.Ordinal).ToList();
        return r;
    }

    /// <summary>
    /// <c>send</c> on the webhook: the field that carries the key (the key expression's variable, else the business
    /// key) and the payload's other fields as one JSON object, which is how an HTML form can send any payload.
    /// </summary>
    private static Template WebhookTemplate(string name, IReadOnlyList<MessageUse> uses)
    {
        var template = new Template { Name = "send", Method = "POST", Target = Uris.Message(name), Title = $"Send message '{name}'" };
        var waits = uses.Any(u => !u.Starts);
        var keyFields = WebhookInput.KeyFields(uses);
        if (keyFields.Count > 0)
        {
            template.Properties.Add(new TemplateProperty(keyFields[0], $"{keyFields[0]} (says which instance it is for)", Required: true));
        }
        else
        {
            template.Properties.Add(new TemplateProperty(WebhookInput.BusinessKeyField,
                waits ? "Business key of the instance it is for" : "Business key of the instance it starts", Required: waits));
        }

        template.Properties.Add(new TemplateProperty("variables", "Other fields (a JSON object)", "textarea"));
        return template;
    }
}
