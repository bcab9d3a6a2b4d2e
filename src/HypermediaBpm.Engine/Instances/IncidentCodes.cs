namespace HypermediaBpm.Engine.Instances;

/// <summary>Incident codes the engine itself acts on when the incident is retried or resolved.</summary>
public static class IncidentCodes
{
    /// <summary>A worker failed a job with no retries left; the token waits at its task with the job kept.</summary>
    public const string JobFailed = "JOB_FAILED";

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
}
