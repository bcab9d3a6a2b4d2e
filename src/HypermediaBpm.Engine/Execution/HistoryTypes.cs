using HypermediaBpm.Engine.Behaviors;

namespace HypermediaBpm.Engine.Execution;

/// <summary>The kinds of history event (also the Atom categories).</summary>
public static class HistoryTypes
{
    public const string InstanceStarted = "instance-started";
    public const string InstanceCompleted = "instance-completed";
    public const string InstanceSuspended = "instance-suspended";
    public const string InstanceResumed = "instance-resumed";
    public const string InstanceCancelled = "instance-cancelled";
    public const string ActivityStarted = "activity-started";

    /// <summary>An activity entered and left within one step (gateways, events, scripts): one event instead of two.</summary>
    public const string ActivityPassed = "activity-passed";
    public const string ActivityCompleted = "activity-completed";
    public const string ActivityCancelled = "activity-cancelled";
    public const string TaskCreated = "task-created";
    public const string TaskClaimed = "task-claimed";
    public const string TaskUnclaimed = "task-unclaimed";
    public const string TaskCompleted = "task-completed";
    public const string TaskCancelled = "task-cancelled";
    public const string VariablesChanged = "variables-changed";
    public const string IncidentCreated = "incident-created";
    public const string IncidentRetried = "incident-retried";
    public const string InstanceModified = "instance-modified";
    public const string IncidentResolved = "incident-resolved";

    /// <summary>A call activity started its called instance (whose id is in the event's data).</summary>
    public const string CallStarted = ElementHistoryTypes.CallStarted;

    /// <summary>A called instance ended by a BPMN error nobody in it caught: the error goes on to its call activity.</summary>
    public const string ErrorThrownToCaller = ElementHistoryTypes.ErrorThrownToCaller;

    /// <summary>An escalation that no boundary event or event subprocess caught: recorded, then ignored (BPMN 2.0 §10.5.4).</summary>
    public const string EscalationUncaught = ElementHistoryTypes.EscalationUncaught;

    public const string JobCreated = "job-created";
    public const string JobCompleted = "job-completed";

    /// <summary>A worker failed its job (data: the job, the retries left, the worker's message).</summary>
    public const string JobFailed = "job-failed";

    /// <summary>A worker threw a BPMN error from its job (data: the job and the error code); the error then walks to its catcher.</summary>
    public const string JobErrorThrown = "job-error-thrown";

    /// <summary>An HTTP task inside a <c>transaction</c> subprocess enlisted a try-confirm/cancel participant (data: its uri and expiry).</summary>
    public const string ParticipantEnlisted = ElementHistoryTypes.ParticipantEnlisted;

    /// <summary>A <c>transaction</c> subprocess completed and its participants are being confirmed (data: the coordinator job, how many).</summary>
    public const string TransactionConfirming = ElementHistoryTypes.TransactionConfirming;

    /// <summary>A <c>transaction</c> subprocess was cancelled or withdrawn and its participants are being cancelled.</summary>
    public const string TransactionCancelling = ElementHistoryTypes.TransactionCancelling;

    /// <summary>The coordinator's outcome (data: the transaction id, its state and each participant's state).</summary>
    public const string TransactionConfirmed = ElementHistoryTypes.TransactionConfirmed;

    public const string TransactionCancelled = ElementHistoryTypes.TransactionCancelled;

    public const string TransactionHeuristic = ElementHistoryTypes.TransactionHeuristic;

    /// <summary>
    /// A reservation (a tentative start, try-confirm/cancel) was made; its events carry the reservation's id where an
    /// instance's would be, and are entries of the process feed.
    /// </summary>
    public const string ReservationCreated = "reservation-created";

    /// <summary>A reservation was confirmed (data: the instance it started).</summary>
    public const string ReservationConfirmed = "reservation-confirmed";

    public const string ReservationCancelled = "reservation-cancelled";

    /// <summary>The server marked a reservation expired (its sweep); it counted as expired from its expiry on.</summary>
    public const string ReservationExpired = "reservation-expired";

    /// <summary>True for the events of a reservation rather than of an instance.</summary>
    public static bool IsReservationEvent(string type) => type.StartsWith("reservation-", StringComparison.Ordinal);

    /// <summary>A compensation was thrown (data: the activity it is for, or all; how many handlers it started).</summary>
    public const string CompensationThrown = ElementHistoryTypes.CompensationThrown;

    /// <summary>A timer, message or signal reached the instance (data: the subscription's kind and name).</summary>
    public const string EventReceived = "event-received";
}
