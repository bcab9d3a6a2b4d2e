namespace HypermediaBpm.Server.Resources;

/// <summary>The server's URI layout, in one place. Clients never build these: they follow links.</summary>
public static class Uris
{
    public const string Root = "/";
    public const string Processes = "/processes";
    public const string Instances = "/instances";
    public const string Tasks = "/tasks";
    public const string Health = "/health";
    public const string Docs = "/docs";

    /// <summary>The operations view: per process, what waits, what failed and where the time goes.</summary>
    public const string Operations = "/operations";

    public static string ProcessOperations(string key) => $"/operations/{E(key)}";

    /// <summary>The page that asks an operator to confirm giving up on a failed step.</summary>
    public static string IncidentGiveUp(string instanceId, string incidentId) => $"/instances/{E(instanceId)}/incidents/{E(incidentId)}/give-up";

    public static string Process(string key) => $"/processes/{E(key)}";

    public static string ProcessVersions(string key) => $"/processes/{E(key)}/versions";

    public static string ProcessVersion(string key, int version) => $"/processes/{E(key)}/versions/{version}";

    public static string ProcessDiagram(string key) => $"/processes/{E(key)}/diagram";

    public static string ProcessVersionDiagram(string key, int version) => $"/processes/{E(key)}/versions/{version}/diagram";

    public static string InstanceDiagram(string id) => $"/instances/{E(id)}/diagram";

    public static string StartInstance(string key) => $"/processes/{E(key)}/instances";

    public static string Instance(string id) => $"/instances/{E(id)}";

    public static string InstanceAction(string id, string action) => $"/instances/{E(id)}/{action}";

    public static string InstanceHistory(string id) => $"/instances/{E(id)}/history";

    public static string InstanceVariables(string id) => $"/instances/{E(id)}/variables";

    public static string InstanceActivities(string id) => $"/instances/{E(id)}/activities";

    /// <summary>One activity instance (a token) of an instance: ruote's expression.</summary>
    public static string ActivityInstance(string instanceId, string activityInstanceId) => $"/instances/{E(instanceId)}/activities/{E(activityInstanceId)}";

    public const string InstancesFeed = "/feeds/instances";
    public const string WorklistFeed = "/feeds/worklist";
    public const string IncidentsFeed = "/feeds/incidents";
    public const string EventsFeed = "/feeds/events";

    public static string ProcessFeed(string key) => $"/processes/{E(key)}/feed";

    public static string InstanceFeed(string id) => $"/instances/{E(id)}/feed";

    /// <summary>Archive <paramref name="number"/> of the feed whose subscription document is at <paramref name="feedPath"/>.</summary>
    public static string FeedArchive(string feedPath, long number) => $"{feedPath}/archive/{number.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public const string Incidents = "/incidents";
    public const string Participants = "/participants";

    public const string Login = "/login";
    public const string Logout = "/logout";
    public const string Me = "/me";
    public const string MyPassword = "/me/password";
    public const string MyTokens = "/me/tokens";

    public static string MyToken(string id) => $"/me/tokens/{E(id)}";

    /// <summary>An administrator's command on a user: <c>password</c>, <c>disable</c>, <c>enable</c>, <c>groups</c>.</summary>
    public static string UserAction(string id, string action) => $"/participants/users/{E(id)}/{action}";

    /// <summary>A participant: <c>/participants/users/ann</c>, <c>/participants/groups/managers</c>.</summary>
    public static string Participant(string kind, string id) => $"/participants/{kind}s/{E(id)}";

    /// <summary>A process's reservations (try-confirm/cancel participant): the <c>reserve</c> target and their list.</summary>
    public static string ProcessReservations(string key) => $"/processes/{E(key)}/reservations";

    public static string Reservation(string id) => $"/reservations/{E(id)}";

    public const string Transactions = "/transactions";
    public const string TransactionsConfirm = "/transactions/confirm";
    public const string TransactionsCancel = "/transactions/cancel";

    public static string Transaction(string id) => $"/transactions/{E(id)}";

    public static string InstanceIncidents(string instanceId) => $"/instances/{E(instanceId)}/incidents";

    public static string Incident(string instanceId, string incidentId) => $"/instances/{E(instanceId)}/incidents/{E(incidentId)}";

    public static string IncidentAction(string instanceId, string incidentId, string action) => $"{Incident(instanceId, incidentId)}/{action}";

    public static string Task(string id) => $"/tasks/{E(id)}";

    public static string TaskAction(string id, string action) => $"/tasks/{E(id)}/{action}";

    public const string Messages = "/messages";

    /// <summary>Jobs for workers; <c>?topic=</c> narrows them to one topic (and is where that topic's jobs are locked).</summary>
    public const string Jobs = "/jobs";

    public static string JobsOf(string? topic) => WithQuery(Jobs, ("topic", topic));

    public static string Job(string id) => $"/jobs/{E(id)}";

    public static string JobAction(string id, string action) => $"/jobs/{E(id)}/{action}";

    public const string Signals = "/signals";

    public static string InstanceMessages(string id) => $"/instances/{E(id)}/messages";

    /// <summary>A message name as a resource (its webhook): <c>/messages/payment-received</c>.</summary>
    public static string Message(string name) => $"/messages/{E(name)}";

    public static string BufferedMessage(string id) => $"/messages/buffered/{E(id)}";

    public static string Rel(string name) => $"/rels/{E(name)}";

    public const string Batches = "/batches";

    public static string Batch(string id) => $"/batches/{E(id)}";

    public static string BatchFeed(string id) => $"/batches/{E(id)}/feed";

    /// <summary>A URI with query parameters; null or empty values are left out.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? path : path + "?" + string.Join("&", present);
    }

    private static string E(string segment) => Uri.EscapeDataString(segment);
}
