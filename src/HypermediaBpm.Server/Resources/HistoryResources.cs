using System.Text.Json;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>History events as resources (members of an instance's history).</summary>
public static class HistoryResources
{
    public static Resource Entry(HistoryEvent e)
    {
        var r = new Resource(ResourceKinds.HistoryEntry, $"{Uris.InstanceHistory(e.InstanceId)}#e{e.Sequence}") { Title = Describe(e) };
        r.Properties["sequence"] = e.Sequence;
        r.Properties["type"] = e.Type;
        r.Properties["activityId"] = e.ActivityId;
        r.Properties["activityName"] = e.ActivityName;
        r.Properties["flowId"] = e.ElementId;
        r.Properties["user"] = e.User;
        r.Properties["timestamp"] = e.Timestamp;
        if (e.DataJson is { } json)
        {
            using var doc = JsonDocument.Parse(json);
            r.Properties["data"] = VariableJson.FromElement(doc.RootElement);
            if (e.Type.StartsWith("transaction-", StringComparison.Ordinal)
                && doc.RootElement.TryGetProperty("transaction", out var transaction) && transaction.GetString() is { } id)
            {
                r.Links.Add(new Link(Rels.Related, Uris.Transaction(id), "The try-confirm/cancel transaction"));
            }
        }

        r.Links.Add(new Link(Rels.Instance, Uris.Instance(e.InstanceId)));
        return r;
    }

    /// <summary>A sentence a person understands ("Task 'Approve' completed").</summary>
    public static string Describe(HistoryEvent e)
    {
        var what = e.ActivityName ?? e.ActivityId;
        return e.Type switch
        {
            "instance-started" => "Instance started",
            "instance-completed" => "Instance completed",
            "instance-suspended" => "Instance suspended",
            "instance-resumed" => "Instance resumed",
            "instance-cancelled" => "Instance cancelled",
            "activity-started" => $"'{what}' started",
            "activity-passed" => $"'{what}' passed",
            "activity-completed" => $"'{what}' completed",
            "activity-cancelled" => $"'{what}' cancelled",
            "task-created" => $"Task '{what}' created",
            "task-claimed" => $"Task '{what}' claimed",
            "task-unclaimed" => $"Task '{what}' unclaimed",
            "task-completed" => $"Task '{what}' completed",
            "task-cancelled" => $"Task '{what}' cancelled",
            "variables-changed" => "Variables changed",
            "incident-created" => $"Incident at '{what}'",
            "instance-modified" => "Instance modified by hand",
            "incident-retried" => $"'{what}' retried after an incident",
            "incident-resolved" => $"Incident at '{what}' resolved: gone on without it",

            "event-received" => $"'{what}' received its {EventKind(e.DataJson)}",
            "job-created" => $"Job for '{what}' created",
            "job-completed" => $"Job for '{what}' completed",
            "job-failed" => $"Job for '{what}' failed",
            "job-error-thrown" => $"Job for '{what}' ended with a BPMN error",
            "reservation-created" => "Start reserved (try-confirm/cancel)",
            "reservation-confirmed" => "Reservation confirmed: the instance started",
            "reservation-cancelled" => "Reservation cancelled",
            "reservation-expired" => "Reservation expired",
            "participant-enlisted" => $"'{what}' enlisted a try-confirm/cancel participant",
            "transaction-confirming" => $"Transaction '{what}' completed: confirming its participants",
            "transaction-cancelling" => $"Transaction '{what}' cancelled: cancelling its participants",
            "transaction-confirmed" => $"Transaction '{what}': every participant confirmed",
            "transaction-cancelled" => $"Transaction '{what}': participants cancelled",
            "transaction-heuristic" => $"Transaction '{what}': heuristic outcome, some participants confirmed and some not",
            "batch-created" => "Batch created",
            "batch-chunk-processed" => "Batch chunk processed",
            "batch-completed" => "Batch completed",
            "batch-cancelled" => "Batch cancelled",
            _ => e.Type,
        };
    }

    /// <summary>"timer", "message" or "signal" from an <c>event-received</c> entry's data.</summary>
    private static string EventKind(string? dataJson)
    {
        if (dataJson is null)
        {
            return "event";
        }

        using var doc = System.Text.Json.JsonDocument.Parse(dataJson);
        return doc.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() is { } k ? k : "event";
    }
}
