using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Variables;
using HypermediaBpm.Server.Inputs;

namespace HypermediaBpm.Server.Representations;

/// <summary>Settings of the representation layer (<see cref="RepresentationSetup.AddHypermediaRepresentations"/>).</summary>
public sealed class RepresentationOptions
{
    /// <summary>10 MiB: a large BPMN model with its diagram fits several times over.</summary>
    public const long DefaultMaxRequestBodySize = 10 * 1024 * 1024;

    /// <summary>
    /// The largest request body (Kestrel's limit, the multipart and form value limits, and the up-front
    /// <c>Content-Length</c> check); an endpoint's <c>[RequestSizeLimit]</c> overrides it. Larger bodies get
    /// <c>413 REQUEST_TOO_LARGE</c>.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>
    /// Status code per exception type; the nearest base type that is listed wins, so a new engine error only
    /// needs a line here when its base class does not already say the right thing.
    /// </summary>
    public Dictionary<Type, int> ExceptionStatusCodes { get; } = new()
    {
        [typeof(NotFoundException)] = StatusCodes.Status404NotFound,
        [typeof(InvalidStateException)] = StatusCodes.Status409Conflict,
        [typeof(ConcurrencyConflictException)] = StatusCodes.Status409Conflict,
        [typeof(DuplicateVersionException)] = StatusCodes.Status409Conflict,
        [typeof(ValidationException)] = StatusCodes.Status422UnprocessableEntity,
        [typeof(VariableTooLargeException)] = StatusCodes.Status422UnprocessableEntity,
        [typeof(PreconditionFailedException)] = StatusCodes.Status412PreconditionFailed,
        [typeof(BadRequestException)] = StatusCodes.Status400BadRequest,
        [typeof(UnsupportedMediaTypeException)] = StatusCodes.Status415UnsupportedMediaType,

        // The model is the request's content, so its size is 413 like an oversized body (REQUEST_TOO_LARGE).
        [typeof(ModelTooLargeException)] = StatusCodes.Status413PayloadTooLarge,

        // An engine error nobody mapped yet is still the client's request meeting a rule, not a server fault.
        [typeof(EngineException)] = StatusCodes.Status400BadRequest,
    };
}
