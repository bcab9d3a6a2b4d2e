using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Server.Inputs;

/// <summary>The body's media type is not one this endpoint reads (415).</summary>
public sealed class UnsupportedMediaTypeException(string? contentType, IReadOnlyList<string> accepted)
    : EngineException("UNSUPPORTED_MEDIA_TYPE", $"This endpoint does not read '{contentType ?? "(none)"}'; send one of {string.Join(", ", accepted)}.",
        new Dictionary<string, object?> { ["contentType"] = contentType, ["accepted"] = accepted });
