using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HypermediaBpm.Server.Problems;

/// <summary>
/// The problem for an invalid model state ([ApiController] binding): a body that is not even JSON, or a value
/// that cannot be read, is <c>400 BAD_REQUEST</c>; values that bind but break a rule are <c>422 INVALID_INPUT</c>.
/// Either way <c>context.errors</c> lists each <c>field</c> (a JSON path such as <c>$.amount</c> for bodies) and its message.
/// </summary>
public static class ModelStateProblems
{
    public static ProblemDocument From(ModelStateDictionary modelState)
    {
        var errors = new List<Dictionary<string, object?>>();
        var unreadable = false;
        foreach (var (key, entry) in modelState)
        {
            foreach (var error in entry.Errors)
            {
                // System.Text.Json reports syntax errors under a JSON path key ("$", "$.name") or as an exception.
                unreadable |= key.StartsWith('$') || error.Exception is not null;
                var message = string.IsNullOrEmpty(error.ErrorMessage) ? error.Exception?.Message ?? "Invalid value." : error.ErrorMessage;
                errors.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["field"] = key, ["message"] = message });
            }
        }

        var context = new Dictionary<string, object?> { ["errors"] = errors };
        return unreadable
            ? new ProblemDocument(StatusCodes.Status400BadRequest, ProblemCodes.BadRequest, "The request body could not be read.", context)
            : new ProblemDocument(StatusCodes.Status422UnprocessableEntity, ProblemCodes.InvalidInput, "Some values are not valid.", context);
    }
}
