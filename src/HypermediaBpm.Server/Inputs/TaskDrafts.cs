namespace HypermediaBpm.Server.Inputs;

/// <summary>The reserved field of a task's <c>update</c> (<c>PUT</c>) that says "and finish it".</summary>
public static class TaskDrafts
{
    /// <summary>The contract's name for it.</summary>
    public const string CompleteField = "complete";

    /// <summary>ruote's name for it (a workitem <c>PUT</c> with <c>_proceed</c> resumes the process).</summary>
    public const string ProceedField = "_proceed";

    /// <summary>Takes <c>complete</c> (or <c>_proceed</c>) out of the values: whether the task is to be completed too.</summary>
    public static bool TakeComplete(RequestValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var complete = values.Take(CompleteField);
        var proceed = values.Take(ProceedField);
        return IsTrue(complete) || IsTrue(proceed);
    }

    private static bool IsTrue(string? value) =>
        value is not null && value.Trim().ToLowerInvariant() switch
        {
            "true" or "on" or "1" or "yes" => true,
            "false" or "off" or "0" or "no" or "" => false,
            _ => throw new BadRequestException("BAD_REQUEST", $"'{CompleteField}' must be true or false, not '{value}'."),
        };
}
