namespace HypermediaBpm.Engine.Behaviors;

/// <summary>
/// The history event kinds that belong to one element's rules, recorded by its behaviour. The engine's full list
/// (<c>Execution.HistoryTypes</c>, what readers of the history use) names them too.
/// </summary>
public static class ElementHistoryTypes
{
    /// <summary>A call activity started its called instance (whose id is in the event's data).</summary>
    public const string CallStarted = "call-started";

    /// <summary>A called instance ended by a BPMN error nobody in it caught: the error goes on to its call activity.</summary>
    public const string ErrorThrownToCaller = "error-thrown-to-caller";

    /// <summary>An escalation that no boundary event or event subprocess caught: recorded, then ignored (BPMN 2.0 §10.5.4).</summary>
    public const string EscalationUncaught = "escalation-uncaught";

    /// <summary>An HTTP task inside a <c>transaction</c> subprocess enlisted a try-confirm/cancel participant (data: its uri and expiry).</summary>
    public const string ParticipantEnlisted = "participant-enlisted";

    /// <summary>A <c>transaction</c> subprocess completed and its participants are being confirmed (data: the coordinator job, how many).</summary>
    public const string TransactionConfirming = "transaction-confirming";

    /// <summary>A <c>transaction</c> subprocess was cancelled or withdrawn and its participants are being cancelled.</summary>
    public const string TransactionCancelling = "transaction-cancelling";

    /// <summary>The coordinator's outcome (data: the transaction id, its state and each participant's state).</summary>
    public const string TransactionConfirmed = "transaction-confirmed";

    public const string TransactionCancelled = "transaction-cancelled";

    public const string TransactionHeuristic = "transaction-heuristic";

    /// <summary>A compensation was thrown (data: the activity it is for, or all; how many handlers it started).</summary>
    public const string CompensationThrown = "compensation-thrown";
}
