using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Identity;

/// <summary>What a password check found: the account, or nothing (unknown user, wrong password, disabled: one answer), or too many failures.</summary>
public sealed record SignInOutcome(UserAccount? Account, TimeSpan? RetryAfter)
{
    public bool Succeeded => Account is not null;
}
