using System.Security.Cryptography;
using HypermediaBpm.Engine.Commands;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Inputs;

/// <summary>
/// Builds the engine's <see cref="CommandContext"/> from a request: the user from <c>HttpContext.User</c>,
/// <c>Idempotency-Key</c> with a hash of the request, and <c>If-Match</c> as a revision check.
/// </summary>
public static class CommandContexts
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Call before the body is read (it buffers the body to hash it when a key is given).</summary>
    public static async Task<CommandContext> FromAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var user = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
        string? key = request.Headers[IdempotencyKeyHeader].ToString() is { Length: > 0 } k ? k.Trim() : null;
        string? hash = null;
        if (key is not null)
        {
            if (key.Length > 255)
            {
                throw new BadRequestException("BAD_REQUEST", "The Idempotency-Key is longer than 255 characters.");
            }

            request.EnableBuffering();
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString} {request.ContentType}\n"));
            var buffer = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }

            request.Body.Position = 0;
            hash = Convert.ToHexString(sha.GetHashAndReset());
        }

        return new CommandContext(user, key, hash, IfMatch(request));
    }

    /// <summary>Null when the request has no <c>If-Match</c>; otherwise "does the current revision match one of its tags".</summary>
    public static Func<string, bool>? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.Count == 0 ? null : revision => Preconditions.IfMatchAllows(request, revision);
}
