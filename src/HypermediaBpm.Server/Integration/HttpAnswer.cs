namespace HypermediaBpm.Server.Integration;

/// <summary>
/// What an HTTP task's call got back, read and done with: the status, the headers (lower-case names), the body as
/// text (at most <c>HttpTasks:MaxResponseBytes</c> of it) and the URL that answered (after any redirects followed).
/// <see cref="Note"/> says why a redirect was not followed, when one was not.
/// </summary>
public sealed record HttpAnswer(int StatusCode, string? ReasonPhrase, string? MediaType, IReadOnlyDictionary<string, string> Headers, string Body, Uri Uri)
{
    public string? Note { get; init; }

    public bool IsSuccess => StatusCode is >= 200 and <= 299;
}
