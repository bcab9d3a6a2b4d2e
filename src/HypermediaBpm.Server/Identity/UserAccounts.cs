using HypermediaBpm.Engine;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// Users' sign-in, administered: add a user with a password and groups, reset or change a password, disable
/// or enable, set groups. Each change that matters for sign-in gives the user a new security stamp, which ends
/// their sessions and cached credentials on the next request.
/// </summary>
public sealed class UserAccounts(ProcessEngine engine, IEngineStore store, Passwords passwords, TimeProvider clock, BasicCredentialCache credentials)
{
    private const int MinPasswordLength = 8;

    /// <summary>Adds a user who can sign in; <c>409 PARTICIPANT_EXISTS</c> when the id is taken.</summary>
    public async Task<ParticipantRecord> AddUserAsync(string id, string? name, string password, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        CheckPassword(password, "password", errors);
        CheckGroups(groups, errors);
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || !id.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            errors.Add(new ValidationError("FIELD_INVALID", "'id' must be 1 to 100 letters, digits, '.', '_', '-' or '@' (it is what tasks name in camunda:assignee and candidate lists).", "id"));
        }

        Throw(errors);
        var user = new ParticipantRecord(ParticipantKinds.User, id, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), clock.GetUtcNow());
        if (!await store.AddUserAsync(user, passwords.Hash(password), Passwords.NewStamp(), groups, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidStateException("PARTICIPANT_EXISTS", $"The user '{id}' is already a participant.",
                new Dictionary<string, object?> { ["kind"] = ParticipantKinds.User, ["id"] = id });
        }

        return user;
    }

    /// <summary>An administrator sets a new password for <paramref name="id"/>.</summary>
    public async Task ResetPasswordAsync(string id, string password, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        CheckPassword(password, "password", errors);
        Throw(errors);
        Found(await store.SetPasswordHashAsync(id, passwords.Hash(password), Passwords.NewStamp(), cancellationToken).ConfigureAwait(false), id);
        credentials.ForgetUser(id);
    }

    /// <summary>The user changes their own password, proving the current one.</summary>
    public async Task ChangeOwnPasswordAsync(string id, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var account = await store.GetUserAccountAsync(id, cancellationToken).ConfigureAwait(false);
        var errors = new List<ValidationError>();
        if (!passwords.Verify(account?.PasswordHash, currentPassword))
        {
            errors.Add(new ValidationError("FIELD_INVALID", "'currentPassword' is not your current password.", "currentPassword"));
        }

        CheckPassword(newPassword, "newPassword", errors);
        Throw(errors);
        Found(await store.SetPasswordHashAsync(id, passwords.Hash(newPassword), Passwords.NewStamp(), cancellationToken).ConfigureAwait(false), id);
        credentials.ForgetUser(id);
    }

    public async Task SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken)
    {
        Found(await store.SetUserDisabledAsync(id, disabled, Passwords.NewStamp(), cancellationToken).ConfigureAwait(false), id);
        credentials.ForgetUser(id);
    }

    public async Task SetGroupsAsync(string id, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        CheckGroups(groups, errors);
        Throw(errors);
        Found(await store.SetUserGroupsAsync(id, groups, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false), id);
        credentials.ForgetUser(id);
    }

    /// <summary>The user (a participant of kind user) with sign-in state; <c>404</c> when there is none.</summary>
    public async Task<(ParticipantRecord User, UserAccount Account)> GetAsync(string id, CancellationToken cancellationToken)
    {
        var participant = await engine.GetParticipantAsync(ParticipantKinds.User, id, cancellationToken).ConfigureAwait(false);
        var account = await store.GetUserAccountAsync(id, cancellationToken).ConfigureAwait(false);
        return (participant, account ?? throw NotFound(id));
    }

    /// <summary>Groups as a form sends them (<c>a, b</c> or one per value), without blanks or repeats.</summary>
    public static IReadOnlyList<string> ParseGroups(IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? string.Empty).Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();

    private static void CheckPassword(string? password, string field, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength || password.Length > 200)
        {
            errors.Add(new ValidationError("FIELD_INVALID", $"'{field}' must be {MinPasswordLength} to 200 characters.", field));
        }
    }

    private static void CheckGroups(IReadOnlyList<string> groups, List<ValidationError> errors)
    {
        if (groups.Count > 100 || groups.Any(g => g.Length > 100 || !g.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@')))
        {
            errors.Add(new ValidationError("FIELD_INVALID", "'groups' must be group ids (letters, digits, '.', '_', '-' or '@'), separated by commas.", "groups"));
        }
    }

    private static void Throw(List<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationException("INVALID_INPUT", string.Join(" ", errors.Select(e => e.Message)), errors);
        }
    }

    private static void Found(bool found, string id)
    {
        if (!found)
        {
            throw NotFound(id);
        }
    }

    private static NotFoundException NotFound(string id) =>
        new("PARTICIPANT_NOT_FOUND", $"There is no participant user '{id}'.", new Dictionary<string, object?> { ["kind"] = ParticipantKinds.User, ["id"] = id });
}
