using HypermediaBpm.Bpmn.Model;

namespace HypermediaBpm.Engine.Forms;

/// <summary>
/// Form values saved without finishing (a task's <c>update</c>): each value given is typed and checked like
/// <see cref="FormInput"/> does, but nothing is required yet — required fields are checked when the task completes.
/// </summary>
public static class FormDrafts
{
    /// <param name="fields">The task form's fields; when it has some, only their values are kept.</param>
    /// <param name="submitted">Values by name, as sent.</param>
    /// <param name="absentBooleansAreFalse">HTML forms omit unticked checkboxes, so absence means false.</param>
    public static Dictionary<string, object?> Apply(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, object?> submitted, bool absentBooleansAreFalse)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(submitted);
        if (fields.Count == 0)
        {
            return FormInput.Apply(fields, submitted);
        }

        var given = fields
            .Where(f => !f.ReadOnly && (HasValue(submitted, f.Id) || (f.Type == "boolean" && absentBooleansAreFalse)))
            .ToList();
        var values = given
            .Where(f => submitted.ContainsKey(f.Id))
            .ToDictionary(f => f.Id, f => submitted[f.Id], StringComparer.Ordinal);
        return FormInput.Apply(given, values, absentBooleansAreFalse);
    }

    private static bool HasValue(IReadOnlyDictionary<string, object?> submitted, string name) =>
        submitted.TryGetValue(name, out var value) && value is not null && !(value is string s && s.Length == 0);
}
