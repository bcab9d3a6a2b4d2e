namespace HypermediaBpm.Engine.Errors;

/// <summary>The client's precondition (<c>If-Match</c>) names a revision that is no longer current (412).</summary>
public sealed class PreconditionFailedException(string resource, string currentRevision)
    : EngineException("PRECONDITION_FAILED", $"'{resource}' has changed since you read it (it is now at revision {currentRevision}); reload it and try again.",
        new Dictionary<string, object?> { ["resource"] = resource, ["revision"] = currentRevision });
