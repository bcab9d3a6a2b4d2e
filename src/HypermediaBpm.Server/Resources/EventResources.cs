using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>Messages and signals: where they are sent, what waits for them, what sending them did.</summary>
public static class EventResources
{
    /// <summary>What one instance waits for; <c>send</c> is offered while it waits for a message and runs, to those who may send.</summary>
    public static Resource InstanceMessages(string instanceId, string state, IReadOnlyList<SubscriptionRecord> waiting, bool maySend)
    {
        var r = new Resource(ResourceKinds.InstanceMessages, Uris.InstanceMessages(instanceId)) { Title = "What the instance waits for" };
        r.Properties["instanceId"] = instanceId;
        r.Properties["state"] = state;
        r.Links.Add(new Link(Rels.Up, Uris.Instance(instanceId)));
        r.Links.Add(new Link(Rels.Instance, Uris.Instance(instanceId)));
        if (maySend)
        {
            r.Links.Add(new Link(Rels.Collection, Uris.Messages, "Messages"));
        }

        foreach (var subscription in waiting)
        {
            r.Embed(Rels.Item, Subscription(subscription));
        }

        var messages = waiting.Where(s => s.Kind == SubscriptionKinds.Message && s.Name is not null).ToList();
        if (maySend && messages.Count > 0 && state is Engine.Instances.InstanceStates.Running or Engine.Instances.InstanceStates.Failed)
        {
            r.Templates.Add(SendTemplate(messages.Select(m => m.Name!).Distinct().ToList(), messages[0].CorrelationKey));
        }

        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    public static Resource Subscription(SubscriptionRecord s)
    {
        var self = s.InstanceId is null ? Uris.Messages : Uris.InstanceMessages(s.InstanceId);
        var r = new Resource(ResourceKinds.Subscription, self) { Title = s.Name ?? s.Kind };
        r.Properties["id"] = s.Id;
        r.Properties["kind"] = s.Kind;
        r.Properties["name"] = s.Name;
        r.Properties["correlationKey"] = s.CorrelationKey;
        r.Properties["dueAt"] = s.DueAt;
        r.Properties["activityId"] = s.ActivityId;
        r.Properties["instanceId"] = s.InstanceId;
        r.Properties["processKey"] = s.ProcessKey;
        r.Properties["since"] = s.CreatedAt;
        if (s.InstanceId is not null)
        {
            r.Links.Add(new Link(Rels.Instance, Uris.Instance(s.InstanceId)));
        }

        if (s.Kind == SubscriptionKinds.Message && s.Name is not null)
        {
            r.Links.Add(new Link(Rels.Messages, Uris.Message(s.Name), $"Message '{s.Name}'"));
        }

        return r;
    }

    public static Resource BufferedMessage(BufferedMessageRecord m)
    {
        var r = new Resource(ResourceKinds.BufferedMessage, Uris.BufferedMessage(m.Id)) { Title = $"Message {m.Name}" };
        r.Properties["id"] = m.Id;
        r.Properties["name"] = m.Name;
        r.Properties["correlationKey"] = m.CorrelationKey;
        r.Properties["variables"] = VariableJson.Deserialize(m.VariablesJson);
        r.Properties["createdAt"] = m.CreatedAt;
        r.Properties["expiresAt"] = m.ExpiresAt;
        r.Links.Add(new Link(Rels.Collection, Uris.Messages, "Messages"));
        r.Links.Add(new Link(Rels.Up, Uris.Messages));
        r.Revision = m.Id;
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    /// <summary>The answer to <c>send</c> or <c>broadcast</c>: an <c>bpm:instance</c> link per instance reached or started.</summary>
    public static Resource Correlation(string self, string name, string? correlationKey, IReadOnlyList<string> reached, IReadOnlyList<string> started)
    {
        var r = new Resource(ResourceKinds.Correlation, self) { Title = name };
        r.Properties["name"] = name;
        if (correlationKey is not null)
        {
            r.Properties["correlationKey"] = correlationKey;
        }

        r.Properties["reached"] = reached;
        r.Properties["started"] = started;
        foreach (var id in reached)
        {
            r.Links.Add(new Link(Rels.Instance, Uris.Instance(id), "Reached", Name: "reached"));
        }

        foreach (var id in started)
        {
            r.Links.Add(new Link(Rels.Instance, Uris.Instance(id), "Started", Name: "started"));
        }

        return r;
    }

    public static Resource SignalCollection(IReadOnlyList<SubscriptionRecord> waiting)
    {
        var r = new Resource(ResourceKinds.SignalCollection, Uris.Signals) { Title = "Signals" };
        r.Properties["waiting"] = waiting.Count;
        r.Properties["names"] = waiting.Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        r.Links.Add(new Link(Rels.Up, Uris.Root));
        Variants.AddAlternates(r, "hal", "json");
        r.Templates.Add(new Template
        {
            Name = "broadcast",
            Method = "POST",
            Target = Uris.Signals,
            Title = "Broadcast a signal",
            Properties =
            {
                new TemplateProperty("name", "Signal name", Required: true),
                new TemplateProperty("variables", "Variables (a JSON object)", "textarea"),
            },
        });
        return r;
    }

    /// <summary>The generic <c>send</c> (<c>POST /messages</c>); with <paramref name="names"/> a choice of those names.</summary>
    public static Template SendTemplate(IReadOnlyList<string>? names, string? correlationKey) => new()
    {
        Name = "send",
        Method = "POST",
        Target = Uris.Messages,
        Title = "Send a message",
        Properties =
        {
            names is { Count: > 0 }
                ? new TemplateProperty("name", "Message name", "select", true, names[0], names.Select(n => new TemplateOption(n, n)).ToList())
                : new TemplateProperty("name", "Message name", Required: true),
            new TemplateProperty("correlationKey", "Correlation key", Value: correlationKey),
            new TemplateProperty("variables", "Variables (a JSON object)", "textarea"),
            new TemplateProperty("ttl", "Keep for (ISO 8601 duration, e.g. PT1H) if no one waits", Regex: "^P.*"),
        },
    };
}
