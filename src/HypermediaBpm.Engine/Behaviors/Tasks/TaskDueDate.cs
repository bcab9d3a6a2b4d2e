using System.Globalization;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Scheduling;

namespace HypermediaBpm.Engine.Behaviors.Tasks;

/// <summary>
/// A user task's due date (<c>camunda:dueDate</c>, <c>zeebe:taskSchedule dueDate</c>), evaluated once when the task is
/// created: an ISO 8601 date-time (<c>2026-12-24T18:00:00Z</c>; without an offset it is UTC), an ISO 8601 duration
/// counted from the task's creation (<c>P2D</c>, <c>PT4H</c>: an addition of this server, Camunda takes dates only), or an
/// expression (<c>${dueDate}</c>) that yields either. Dates are ISO strings in the expression language, so a variable
/// holding one works as it is. An expression that yields null or an empty string sets no due date, as in Camunda.
/// </summary>
public static class TaskDueDate
{
    /// <summary>The incident code when the text is neither a date nor a duration.</summary>
    public const string InvalidCode = "TASK_DUE_DATE_INVALID";

    /// <summary>The due time, or null for none. Anything else than a date or a duration throws a <see cref="ModelRuntimeException"/>.</summary>
    public static DateTimeOffset? Evaluate(IBehaviorContext execution, string? source, string taskName)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        Expressions.CompiledExpression template;
        try
        {
            template = execution.Process.Template(source.Trim());
        }
        catch (Expressions.ExpressionSyntaxException)
        {
            // Java API calls of Camunda's own examples (${dateTime().plusDays(2).toDate()}) are beyond this expression
            // language: such a model keeps running, its task without a due date (docs/api.md says so).
            return null;
        }

        var value = template.Evaluate(execution.Variables);
        switch (value)
        {
            case null:
                return null;
            case DateTimeOffset at:
                return at.ToUniversalTime();
            case DateTime at:
                return new DateTimeOffset(DateTime.SpecifyKind(at, at.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : at.Kind)).ToUniversalTime();
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return null;
        }

        if (IsoDuration.TryParse(text, out var duration))
        {
            return duration.AddTo(execution.Now);
        }

        // Only ISO 8601 shapes (a date with a dash): a culture's "12/24/2026" would mean different days to different readers.
        if (text.Length >= 10 && text[4] == '-' &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var due))
        {
            return due;
        }

        throw new ModelRuntimeException(InvalidCode,
            $"The due date of '{taskName}' is '{Shorten(text)}', neither an ISO 8601 date-time (2026-12-24T18:00:00Z) nor a duration (P2D).",
            new Dictionary<string, object?> { ["dueDate"] = source });
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
