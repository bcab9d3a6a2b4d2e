namespace HypermediaBpm.Engine.Persistence;

/// <summary>
/// One try-confirm/cancel coordination: which participants were asked to confirm (or cancel), what each answered,
/// and every step with its time. A coordinator writes it as it goes; the store only keeps it.
/// </summary>
public sealed record TransactionRecord(
    string Id,
    string Operation,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TransactionParticipant> Participants,
    IReadOnlyList<TransactionStep> Steps)
{
    /// <summary>The instance whose <c>transaction</c> subprocess this coordination was for; null when a client asked for it.</summary>
    public string? InstanceId { get; init; }
}

/// <summary>One participant of a coordination and its outcome.</summary>
/// <param name="State">See <see cref="TransactionParticipantStates"/>.</param>
/// <param name="Attempts">Confirm (or cancel) requests sent to it.</param>
/// <param name="LatencyMs">The round trip its <c>OPTIONS</c> took, used to stop confirming in time; null when not measured.</param>
/// <param name="LastStatus">The HTTP status of its last answer; null when it never answered.</param>
public sealed record TransactionParticipant(
    string Uri,
    DateTimeOffset ExpiresAt,
    string State,
    int Attempts = 0,
    long? LatencyMs = null,
    int? LastStatus = null);

/// <summary>Something the coordinator did or learnt, with its time; <see cref="Participant"/> is null for the transaction as a whole.</summary>
public sealed record TransactionStep(DateTimeOffset At, string Step, string? Participant = null, string? Detail = null);

/// <summary>What a coordination was asked to do.</summary>
public static class TransactionOperations
{
    public const string Confirm = "confirm";
    public const string Cancel = "cancel";
}

/// <summary>The states of a coordination.</summary>
public static class TransactionStates
{
    /// <summary>Still at work (also what a coordinator that stopped half-way leaves behind).</summary>
    public const string Active = "active";

    /// <summary>Every participant confirmed.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>No participant confirmed: all were cancelled, had expired or were gone.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Some participants confirmed and some did not: a person has to reconcile them.</summary>
    public const string Heuristic = "heuristic";
}

/// <summary>The states of one participant of a coordination.</summary>
public static class TransactionParticipantStates
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";

    /// <summary>Its link had expired, or would before a confirm could reach it.</summary>
    public const string Expired = "expired";

    /// <summary>It answered <c>404</c>: it timed out or was cancelled on its own side.</summary>
    public const string NotFound = "not-found";

    /// <summary>Every confirm failed or went unanswered until its link expired.</summary>
    public const string TimedOut = "timed-out";

    /// <summary>A cancel that did not get <c>204</c> or <c>404</c> (the participant will expire on its own).</summary>
    public const string CancelFailed = "cancel-failed";

    /// <summary>The server's outbound policy does not let it call this participant: it was never asked (and expires on its own).</summary>
    public const string Refused = "refused";
}

/// <summary>Coordinations, newest first, optionally of one state (<c>heuristic</c>: the ones needing a person).</summary>
public sealed record TransactionQuery(PageRequest Page, string? State = null);
