namespace HypermediaBpm.Engine.Instances;

/// <summary>Incident codes the engine itself acts on when the incident is retried or resolved.</summary>
public static class IncidentCodes
{
    /// <summary>A worker failed a job with no retries left; the token waits at its task with the job kept.</summary>
    public const string JobFailed = "JOB_FAILED";
}
