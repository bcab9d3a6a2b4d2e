namespace HypermediaBpm.Engine.Errors;

/// <summary>Something asked for does not exist (404).</summary>
public sealed class NotFoundException(string code, string message, IReadOnlyDictionary<string, object?>? context = null)
    : EngineException(code, message, context);

/// <summary>The transition is not allowed in the current state (409). Every guarded state change throws this.</summary>
public sealed class InvalidStateException(string code, string message, IReadOnlyDictionary<string, object?>? context = null)
    : EngineException(code, message, context);

/// <summary>Someone else changed the same thing first (409); the caller may reload and retry.</summary>
public sealed class ConcurrencyConflictException(string message, IReadOnlyDictionary<string, object?>? context = null)
    : EngineException("CONCURRENT_MODIFICATION", message, context);

/// <summary>An explicit version was asked for that is already deployed (409).</summary>
public sealed class DuplicateVersionException(string key, int version)
    : EngineException("VERSION_EXISTS", $"Version {version} of process '{key}' is already deployed.",
        new Dictionary<string, object?> { ["key"] = key, ["version"] = version });

/// <summary>Input that cannot be used (422): bad form values, unknown variables, invalid BPMN.</summary>
public sealed class ValidationException(string code, string message, IReadOnlyList<ValidationError> errors)
    : EngineException(code, message, new Dictionary<string, object?> { ["errors"] = errors })
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}

/// <summary>One problem with an input, located by field or by line and column.</summary>
public sealed record ValidationError(string Code, string Message, string? Field = null, int? Line = null, int? Column = null, string? Element = null);

/// <summary>The instance's data does not fit what the model asks of it (a loop over something that is no list…): an incident, not a request error.</summary>
public sealed class ModelRuntimeException(string code, string message, IReadOnlyDictionary<string, object?>? context = null)
    : EngineException(code, message, context);
