namespace HypermediaBpm.Engine.Instances;

/// <summary>Incident codes the engine itself acts on when the incident is retried or resolved.</summary>
public static class IncidentCodes
{
    /// <summary>A worker failed a job with no retries left; the token waits at its task with the job kept.</summary>
    public const string JobFailed = "JOB_FAILED";

    /// <summary>An HTTP call was refused by the server's outbound policy (the message names the rule); it keeps its job like <see cref="JobFailed"/>.</summary>
    public const string OutboundRefused = "OUTBOUND_REFUSED";

    /// <summary>An HTTP call's answer was larger than the server reads; it keeps its job like <see cref="JobFailed"/>.</summary>
    public const string HttpResponseTooLarge = "HTTP_RESPONSE_TOO_LARGE";

    /// <summary>An HTTP call's request could not be made from its inputs (not an http(s) URL, no method…); it keeps its job like <see cref="JobFailed"/>.</summary>
    public const string HttpRequestInvalid = "HTTP_REQUEST_INVALID";

    /// <summary>
    /// A task's answer would have enlisted one participant more than a <c>transaction</c> may have; it keeps its job like
    /// <see cref="JobFailed"/> (the participant it reserved expires on its own).
    /// </summary>
    public const string TooManyParticipants = "TRANSACTION_PARTICIPANTS_EXCEEDED";

    /// <summary>
    /// A <c>transaction</c> subprocess's confirm ended heuristically: some participants confirmed, some did not. A person
    /// reconciles them (the transaction resource says which is which) and resolves the incident; it cannot be retried.
    /// </summary>
    public const string TransactionHeuristic = "TRANSACTION_HEURISTIC";

    /// <summary>
    /// A <c>transaction</c> subprocess could not be confirmed (its participants had expired or were gone) and it has no
    /// cancel boundary event to go on by. <c>retry</c> runs the transaction again; <c>resolve</c> goes on as if it had completed.
    /// </summary>
    public const string TransactionNotConfirmed = "TRANSACTION_NOT_CONFIRMED";

    /// <summary>
    /// The codes of a failed job whose incident keeps the job: <c>retry</c> hands it back to the workers, <c>resolve</c>
    /// withdraws it. A worker may fail a job with one of these and no other.
    /// </summary>
    public static bool KeepsJob(string code) =>
        code is JobFailed or OutboundRefused or HttpResponseTooLarge or HttpRequestInvalid or TooManyParticipants;
}
