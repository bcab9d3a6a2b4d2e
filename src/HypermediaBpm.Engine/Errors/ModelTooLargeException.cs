namespace HypermediaBpm.Engine.Errors;

/// <summary>
/// A model larger than <see cref="EngineOptions.MaxModelBytes"/> (413): refused before it is parsed or stored, so one
/// upload cannot make the server hold, parse and cache an arbitrarily large document.
/// </summary>
/// <param name="size">The model's size in bytes; null when reading stopped at the limit without knowing the rest.</param>
/// <param name="limit">The most bytes a model may have.</param>
public sealed class ModelTooLargeException(long? size, long limit)
    : EngineException(
        ErrorCode,
        size is { } known
            ? $"The model has {known:N0} bytes; this server accepts models of at most {limit:N0} bytes."
            : $"The model is larger than {limit:N0} bytes, the most this server accepts.",
        new Dictionary<string, object?> { ["limit"] = limit, ["size"] = size })
{
    public const string ErrorCode = "MODEL_TOO_LARGE";
}
