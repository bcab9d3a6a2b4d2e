namespace HypermediaBpm.Engine.Errors;

/// <summary>
/// Base of every error the engine reports on purpose. <see cref="Code"/> is a stable UPPER_SNAKE code that
/// the server puts in its problem documents; <see cref="Context"/> adds the details a client can act on.
/// </summary>
public abstract class EngineException : Exception
{
    protected EngineException(string code, string message, IReadOnlyDictionary<string, object?>? context = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Context = context ?? new Dictionary<string, object?>();
    }

    public string Code { get; }

    public IReadOnlyDictionary<string, object?> Context { get; }
}
