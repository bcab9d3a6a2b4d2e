using Microsoft.AspNetCore.Mvc;

namespace HypermediaBpm.Server.Problems;

/// <summary>An action result that answers with a problem document (used where MVC wants a result, not an exception).</summary>
public sealed class ProblemResult(ProblemDocument problem) : IActionResult
{
    public ProblemDocument Problem { get; } = problem;

    /// <inheritdoc />
    public Task ExecuteResultAsync(ActionContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<ProblemResponder>().WriteAsync(context.HttpContext, Problem);
}
