using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// Checks a user name and password for Basic and the login form alike: refused at once while throttled,
/// otherwise hashed (against a dummy when the user does not exist), failures counted and logged. The answer
/// never tells an unknown user from a wrong password or a disabled user.
/// </summary>
public sealed class PasswordSignIn(IEngineStore store, Passwords passwords, SignInThrottle throttle, ILogger<PasswordSignIn> logger)
{
    public async Task<SignInOutcome> CheckAsync(string userName, string password, string? address, CancellationToken cancellationToken)
    {
        if (throttle.RetryAfter(userName, address) is { } wait)
        {
            logger.LogWarning("Sign-in refused for {User} from {Address}: too many failures, retry after {RetryAfter}", userName, address, wait);
            return new SignInOutcome(null, wait);
        }

        var account = userName.Length is > 0 and <= 100 ? await store.GetUserAccountAsync(userName, cancellationToken).ConfigureAwait(false) : null;
        var matches = passwords.Verify(account?.PasswordHash, password);
        if (matches && account is { Disabled: false })
        {
            throttle.RecordSuccess(userName);
            return new SignInOutcome(account, null);
        }

        throttle.RecordFailure(userName, address);
        logger.LogWarning("Sign-in failed for {User} from {Address}", userName, address);
        return new SignInOutcome(null, null);
    }
}
