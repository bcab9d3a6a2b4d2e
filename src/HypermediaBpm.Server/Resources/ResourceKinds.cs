namespace HypermediaBpm.Server.Resources;

/// <summary>The kinds of resource the server has (one HTML view, one text/Atom mapping per kind).</summary>
public static class ResourceKinds
{
    public const string Root = "root";
    public const string ProcessCollection = "process-collection";
    public const string Process = "process";
    public const string ProcessVersions = "process-versions";
    public const string InstanceCollection = "instance-collection";
    public const string Instance = "instance";
    public const string TaskCollection = "task-collection";
    public const string Task = "task";
    public const string History = "history";
    public const string HistoryEntry = "history-entry";
    public const string Variables = "variables";
    public const string Activities = "activities";

    /// <summary>One activity instance of an instance (a token), with its parent scope and children.</summary>
    public const string ActivityInstance = "activity-instance";
    public const string Health = "health";
    public const string Incident = "incident";
    public const string Participant = "participant";
    public const string ParticipantCollection = "participant-collection";
    public const string IncidentCollection = "incident-collection";

    /// <summary>The login page, the signed-in user, their API tokens.</summary>
    public const string Login = "login";
    public const string Me = "me";
    public const string TokenCollection = "token-collection";
    public const string Token = "token";

    /// <summary>A try-confirm/cancel reservation of a process start, and a process's list of them.</summary>
    public const string Reservation = "reservation";
    public const string ReservationCollection = "reservation-collection";

    /// <summary>The answer to <c>reserve</c>: <c>{"participantLink": {"uri", "expires"}}</c>, the protocol's own body.</summary>
    public const string ParticipantLink = "participant-link";

    /// <summary>A try-confirm/cancel coordination, and the coordinator (the list of them).</summary>
    public const string Transaction = "transaction";
    public const string TransactionCollection = "transaction-collection";
    public const string Feed = "feed";
    public const string FeedEntry = "feed-entry";

    /// <summary>The BPMN diagram of a process version or an instance (with its live state).</summary>
    public const string Diagram = "diagram";

    /// <summary>Where messages are sent; lists the messages the deployed processes receive.</summary>
    public const string MessageCollection = "message-collection";

    /// <summary>One message name as a webhook: who starts on it or waits for it, and where to post it.</summary>
    public const string Message = "message";

    /// <summary>What one instance waits for from outside (timers, messages, signals).</summary>
    public const string InstanceMessages = "instance-messages";

    /// <summary>One open subscription (listed in a message collection or an instance's waits).</summary>
    public const string Subscription = "subscription";

    /// <summary>A message kept with a time to live until a subscriber opens.</summary>
    public const string BufferedMessage = "buffered-message";

    /// <summary>The answer to a sent message or a broadcast signal: the instances reached and started.</summary>
    public const string Correlation = "correlation";

    /// <summary>Jobs for workers (of one topic, or all), where a topic's jobs are locked.</summary>
    public const string JobCollection = "job-collection";

    /// <summary>One job: work for an external worker at a service, send or business rule task.</summary>
    public const string Job = "job";

    /// <summary>The answer to <c>lock</c>: the jobs just locked for a worker, each with its variables and its templates.</summary>
    public const string LockedJobs = "locked-jobs";

    /// <summary>The signed-in user's tasks and the tasks they can claim, shown on the home page.</summary>
    public const string Inbox = "inbox";

    /// <summary>A task's instance context for its page: business key, business data, process documentation, history.</summary>
    public const string Work = "work";

    /// <summary>The operations view: per process, how many instances run, failed and wait.</summary>
    public const string Operations = "operations";

    /// <summary>One process in the operations view: its diagram as a heatmap.</summary>
    public const string ProcessOperations = "process-operations";

    /// <summary>The page that asks an operator to confirm giving up on a failed step.</summary>
    public const string GiveUp = "give-up";

    /// <summary>Where signals are broadcast.</summary>
    public const string SignalCollection = "signal-collection";

    /// <summary>What migrating a process version's instances did (issue 19).</summary>
    public const string MigrationSummary = "migration-summary";

    /// <summary>The batch operations (operators, administrators), newest first.</summary>
    public const string BatchCollection = "batch-collection";

    /// <summary>One batch operation: its operation, filter, creator, state and progress.</summary>
    public const string Batch = "batch";
}
