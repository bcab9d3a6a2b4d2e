using System.Diagnostics;
using System.Text.Json;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Server.Representations;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Problems;

/// <summary>
/// Turns any exception into a problem document: engine errors by type (<see cref="RepresentationOptions.ExceptionStatusCodes"/>)
/// with their own code and context, HTTP-level failures by their status, and everything else into
/// <c>500 INTERNAL_ERROR</c> that says nothing about the server's insides.
/// </summary>
public sealed class ExceptionProblemMapper(IOptions<RepresentationOptions> options)
{
    private readonly RepresentationOptions _options = options.Value;

    /// <summary>The problem for <paramref name="exception"/> (the caller logs 5xx ones).</summary>
    public ProblemDocument Map(Exception exception, HttpContext? http = null) => exception switch
    {
        HttpProblemException p => new ProblemDocument(p.Status, p.Code, p.Message, p.Context),
        EngineException e => new ProblemDocument(StatusFor(e), e.Code, e.Message, ContextOf(e)),
        BadHttpRequestException b => FromBadRequest(b, http),
        InvalidDataException d when d.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) =>
            // Form and multipart readers report their length limits this way.
            new ProblemDocument(StatusCodes.Status413PayloadTooLarge, ProblemCodes.RequestTooLarge, d.Message),
        InvalidDataException d => new ProblemDocument(StatusCodes.Status400BadRequest, ProblemCodes.BadRequest, d.Message),
        JsonException j => new ProblemDocument(StatusCodes.Status400BadRequest, ProblemCodes.BadRequest, "The body is not valid JSON.",
            new Dictionary<string, object?> { ["path"] = j.Path, ["line"] = j.LineNumber + 1, ["position"] = j.BytePositionInLine + 1 }),
        _ when DatabaseFailures.IsUnreachable(exception) => DatabaseFailures.Problem(),
        _ => new ProblemDocument(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError,
            "The server failed to answer this request. The failure has been logged; quote the traceId when reporting it.",
            new Dictionary<string, object?> { ["traceId"] = Activity.Current?.Id ?? http?.TraceIdentifier }),
    };

    /// <summary>The status for an engine error: the nearest listed type in its hierarchy.</summary>
    public int StatusFor(EngineException exception)
    {
        for (var type = exception.GetType(); type is not null; type = type.BaseType)
        {
            if (_options.ExceptionStatusCodes.TryGetValue(type, out var status))
            {
                return status;
            }
        }

        return StatusCodes.Status400BadRequest;
    }

    private static IEnumerable<KeyValuePair<string, object?>> ContextOf(EngineException exception) =>
        exception.Context.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value switch
        {
            IEnumerable<ValidationError> errors => errors.Select(Describe).ToList(),
            ValidationError error => Describe(error),
            _ => pair.Value,
        }));

    /// <summary>One validation error with its location; members that are not known are left out.</summary>
    private static Dictionary<string, object?> Describe(ValidationError error)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = error.Code, ["message"] = error.Message };
        AddIfSet(result, "field", error.Field);
        AddIfSet(result, "line", error.Line);
        AddIfSet(result, "column", error.Column);
        AddIfSet(result, "element", error.Element);
        return result;
    }

    private static void AddIfSet(Dictionary<string, object?> target, string name, object? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private ProblemDocument FromBadRequest(BadHttpRequestException exception, HttpContext? http)
    {
        var status = exception.StatusCode is >= 400 and < 600 ? exception.StatusCode : StatusCodes.Status400BadRequest;
        var context = status == StatusCodes.Status413PayloadTooLarge
            ? new Dictionary<string, object?> { ["limit"] = http is null ? _options.MaxRequestBodySize : RequestBodyLimitFilter.LimitFor(http, _options) }
            : null;
        return new ProblemDocument(status, ProblemCodes.ForStatus(status), exception.Message, context);
    }
}
