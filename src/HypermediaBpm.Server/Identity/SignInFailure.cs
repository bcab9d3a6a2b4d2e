namespace HypermediaBpm.Server.Identity;

/// <summary>
/// Set on the request by a handler that saw credentials and refused them, so that the answer to the
/// request (when it needs a user) says so: <c>401 CREDENTIALS_INVALID</c>, or <c>429</c> with <c>Retry-After</c>.
/// </summary>
public sealed record SignInFailure(TimeSpan? RetryAfter);
