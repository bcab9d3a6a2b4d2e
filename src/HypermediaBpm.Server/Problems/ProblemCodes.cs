namespace HypermediaBpm.Server.Problems;

/// <summary>
/// The stable codes the server itself gives problems (engine errors bring their own code). Part of the
/// contract: clients switch on them.
/// </summary>
public static class ProblemCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string InvalidInput = "INVALID_INPUT";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";

    /// <summary>A request with no credentials for a resource that needs a signed-in user (<c>401</c>).</summary>
    public const string AuthenticationRequired = "AUTHENTICATION_REQUIRED";

    /// <summary>Credentials that were not accepted: a wrong user name or password, an unknown, revoked or expired token (<c>401</c>).</summary>
    public const string CredentialsInvalid = "CREDENTIALS_INVALID";

    /// <summary>Too many failed sign-ins for the user name or the client address (<c>429</c> with <c>Retry-After</c>).</summary>
    public const string TooManySignInFailures = "TOO_MANY_SIGN_IN_FAILURES";

    /// <summary>The signed-in user has no API token with that id (<c>404</c>).</summary>
    public const string TokenNotFound = "TOKEN_NOT_FOUND";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string RequestTimeout = "REQUEST_TIMEOUT";
    public const string Conflict = "CONFLICT";
    public const string Gone = "GONE";
    public const string LengthRequired = "LENGTH_REQUIRED";
    public const string PreconditionFailed = "PRECONDITION_FAILED";
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string UnprocessableContent = "UNPROCESSABLE_CONTENT";
    public const string PreconditionRequired = "PRECONDITION_REQUIRED";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";
    public const string RequestHeadersTooLarge = "REQUEST_HEADERS_TOO_LARGE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string NotImplemented = "NOT_IMPLEMENTED";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    /// <summary>The database cannot be reached (<c>503</c> with <c>Retry-After</c>; context <c>service</c>, <c>retry_after</c>).</summary>
    public const string DbConnectionError = "DB_CONNECTION_ERROR";

    /// <summary>A browser's form post without a valid antiforgery token (a stale page, or a post from another site).</summary>
    public const string AntiforgeryInvalid = "ANTIFORGERY_TOKEN_INVALID";

    /// <summary>A coordinator request with more participant links than <c>Tcc:MaxParticipantLinks</c>.</summary>
    public const string ParticipantLinksTooMany = "PARTICIPANT_LINKS_TOO_MANY";

    /// <summary>An unsafe request a browser sent on behalf of another site (<c>Sec-Fetch-Site</c>, a foreign <c>Origin</c>).</summary>
    public const string CrossSiteRequestRefused = "CROSS_SITE_REQUEST_REFUSED";

    /// <summary>A request whose <c>Host</c> is not one this server answers to (<c>AllowedHosts</c>; DNS rebinding).</summary>
    public const string HostNotAllowed = "HOST_NOT_ALLOWED";

    /// <summary>A value sent through a form for an existing variable that does not fit its type (an incident's retry; <c>422</c>, <c>context.errors</c> by field).</summary>
    public const string VariableInvalid = "VARIABLE_INVALID";

    /// <summary>A <c>page</c> value that is neither a page number nor one this server gave out in a paging link (<c>400</c>).</summary>
    public const string InvalidPage = "INVALID_PAGE";

    /// <summary>A <c>pageSize</c> outside 1–200 (<c>400</c>).</summary>
    public const string InvalidPageSize = "INVALID_PAGE_SIZE";

    /// <summary>A page number past the collection's last page (<c>400</c>).</summary>
    public const string PageOutOfRange = "PAGE_OUT_OF_RANGE";

    /// <summary>A numbered page starting too deep to read with an offset (<c>400</c>; follow the keyset links instead).</summary>
    public const string PageTooDeep = "PAGE_TOO_DEEP";

    /// <summary>A <c>sort</c> the list does not offer (only indexed fields are), or an <c>order</c> other than <c>asc</c>/<c>desc</c> (<c>400</c>; <c>context.allowed</c>).</summary>
    public const string InvalidSort = "INVALID_SORT";

    /// <summary>An activity instance the instance never had (<c>404</c>).</summary>
    public const string ActivityInstanceNotFound = "ACTIVITY_INSTANCE_NOT_FOUND";

    /// <summary>An activity instance that has ended, so there is nothing to cancel (<c>409</c>).</summary>
    public const string ActivityInstanceNotActive = "ACTIVITY_INSTANCE_NOT_ACTIVE";

    /// <summary>An event-feed archive with no entries left while history retention is on: they were removed (<c>410</c>).</summary>
    public const string FeedArchiveRemoved = "FEED_ARCHIVE_REMOVED";

    /// <summary>
    /// A migration some active element of the instance cannot make: it names no element of the target, or one of
    /// another kind, trigger, loop shape or scope (<c>422</c>, <c>context.errors</c>: each with <c>element</c>, <c>code</c>, <c>message</c>).
    /// </summary>
    public const string MigrationInvalid = Engine.ProcessEngine.MigrationInvalidCode;

    /// <summary>A migration of an instance whose job a worker holds right now (<c>409</c>; migrate when the lock is gone).</summary>
    public const string MigrationJobLocked = "MIGRATION_JOB_LOCKED";

    /// <summary>No batch has this id (<c>404</c>).</summary>
    public const string BatchNotFound = "BATCH_NOT_FOUND";

    /// <summary>Cancelling a batch that has completed or was cancelled (<c>409</c>).</summary>
    public const string BatchNotRunning = "BATCH_NOT_RUNNING";

    /// <summary>A batch of an operation this server does not know (<c>422</c>; also a failure reason of a batch another node made).</summary>
    public const string BatchOperationUnknown = "BATCH_OPERATION_UNKNOWN";

    /// <summary>A batch filter that selects more than <c>Batches:MaxInstances</c> instances (<c>422</c>).</summary>
    public const string BatchTooLarge = "BATCH_TOO_LARGE";

    /// <summary>A batch's <c>retry-incidents</c> on an instance without an open incident (a counted failure, not a response).</summary>
    public const string InstanceHasNoIncident = "INSTANCE_HAS_NO_INCIDENT";

    /// <summary>The code for a bare status code (a response that failed without saying why).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        408 => RequestTimeout,
        409 => Conflict,
        410 => Gone,
        411 => LengthRequired,
        412 => PreconditionFailed,
        413 => RequestTooLarge,
        415 => UnsupportedMediaType,
        422 => UnprocessableContent,
        428 => PreconditionRequired,
        429 => TooManyRequests,
        431 => RequestHeadersTooLarge,
        501 => NotImplemented,
        503 => ServiceUnavailable,
        >= 500 => InternalError,
        _ => BadRequest,
    };
}
