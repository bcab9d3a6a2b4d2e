namespace HypermediaBpm.Server.Problems;

/// <summary>
/// A problem found by the HTTP layer rather than the engine (406, 413, ...): thrown anywhere in a request, it
/// becomes a problem document with exactly this status, code and context.
/// </summary>
public sealed class HttpProblemException(int status, string code, string message, IReadOnlyDictionary<string, object?>? context = null)
    : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public IReadOnlyDictionary<string, object?> Context { get; } = context ?? new Dictionary<string, object?>();
}
