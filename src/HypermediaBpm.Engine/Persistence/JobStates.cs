namespace HypermediaBpm.Engine.Persistence;

/// <summary>The states a job shows to clients; only <see cref="Open"/> jobs (past their back-off) can be locked.</summary>
public static class JobStates
{
    /// <summary>Waiting for a worker.</summary>
    public const string Open = "open";

    /// <summary>A worker holds it until its lock runs out.</summary>
    public const string Locked = "locked";

    /// <summary>Out of retries: an incident on its task waits for a person, whose <c>retry</c> gives the job new retries.</summary>
    public const string Failed = "failed";
}
