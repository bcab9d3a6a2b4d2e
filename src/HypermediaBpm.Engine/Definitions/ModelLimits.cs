using HypermediaBpm.Bpmn.Model;
using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Definitions;

/// <summary>
/// Bounds on the parts of a model that the server copies again and again: the process id is the key in every
/// URI of the process and in each of its instances, tasks and history rows; element ids and names go into every
/// task, history event, feed entry and list row that concerns them. Without a bound, one large attribute would be
/// multiplied by every row and every link that repeats it. Real models stay far below (the conformance corpus's
/// longest id has 57 characters, its longest name 86).
/// </summary>
public static class ModelLimits
{
    /// <summary>The most characters of a process or flow element id (the length most engines store ids in).</summary>
    public const int MaxIdLength = 255;

    /// <summary>The most characters of a process or flow element name, and of a process name given when deploying.</summary>
    public const int MaxNameLength = 1000;

    public const string IdTooLongCode = "ID_TOO_LONG";

    public const string NameTooLongCode = "NAME_TOO_LONG";

    /// <summary>Adds a located error for every id and name over its bound.</summary>
    public static void Check(BpmnProcess process, List<ValidationError> errors)
    {
        Check(process, process.Name, errors);
        foreach (var element in process.ElementsById.Values)
        {
            Check(element, element.Name, errors);
        }
    }

    /// <summary>A process name given with the deploy request (it names the process instead of the model's name).</summary>
    public static ValidationError? CheckGivenName(string? name) =>
        name is { Length: > MaxNameLength }
            ? new ValidationError(NameTooLongCode, $"The name has {name.Length:N0} characters; at most {MaxNameLength:N0} are accepted.", "name")
            : null;

    private static void Check(BaseElement element, string? name, List<ValidationError> errors)
    {
        var at = element.Position;
        if (element.Id.Length > MaxIdLength)
        {
            errors.Add(new ValidationError(IdTooLongCode,
                $"The id of this {element.ElementName} has {element.Id.Length:N0} characters; at most {MaxIdLength} are accepted.",
                null, at.Line, at.Column, Shorten(element.Id)));
        }

        if (name is { Length: > MaxNameLength })
        {
            errors.Add(new ValidationError(NameTooLongCode,
                $"The name of {element.ElementName} '{Shorten(element.Id)}' has {name.Length:N0} characters; at most {MaxNameLength:N0} are accepted.",
                null, at.Line, at.Column, Shorten(element.Id)));
        }
    }

    /// <summary>An over-long id is named by its start: the error itself must stay small.</summary>
    private static string Shorten(string id) => id.Length <= MaxIdLength ? id : id[..64] + "…";
}
