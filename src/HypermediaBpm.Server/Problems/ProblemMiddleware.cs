namespace HypermediaBpm.Server.Problems;

/// <summary>
/// Makes every error a problem document, from MVC or not: exceptions thrown anywhere after it (mapped by
/// <see cref="ExceptionProblemMapper"/>) and error statuses that end without a body (unknown URL 404,
/// routing's 405, 415, ...). First in the pipeline so that nothing gets past it.
/// </summary>
public sealed class ProblemMiddleware(RequestDelegate next, ExceptionProblemMapper mapper, ProblemResponder responder, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is nobody to tell.
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var problem = mapper.Map(exception, context);
            if (problem.Status >= StatusCodes.Status500InternalServerError)
            {
                logger.LogError(exception, "Request {Method} {Path} failed ({Code})", context.Request.Method, context.Request.Path, problem.Code);
            }
            else
            {
                logger.LogDebug("Request {Method} {Path} answered {Status} {Code}: {Detail}", context.Request.Method, context.Request.Path, problem.Status, problem.Code, problem.Detail);
            }

            // Headers set for the representation that was going to be written (ETag, Link...) describe something else.
            context.Response.Clear();
            if (problem.Code == ProblemCodes.DbConnectionError)
            {
                context.Response.Headers.RetryAfter = DatabaseFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await responder.WriteAsync(context, problem).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode is >= 400 and < 600 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        {
            await responder.WriteAsync(context, StatusProblems.From(context)).ConfigureAwait(false);
        }
    }
}
