using Microsoft.AspNetCore.Identity;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, salted, versioned format). A check for a
/// user that does not exist hashes against a dummy hash, so it takes as long as a wrong password and says nothing.
/// </summary>
public sealed class Passwords
{
    private readonly PasswordHasher<object> _hasher = new();
    private readonly string _dummyHash;
    private long _verifications;

    public Passwords()
    {
        _dummyHash = _hasher.HashPassword(this, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }

    public string Hash(string password) => _hasher.HashPassword(this, password);

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>; a null hash is checked against the dummy and is false.</summary>
    public bool Verify(string? hash, string password)
    {
        Interlocked.Increment(ref _verifications);
        var result = _hasher.VerifyHashedPassword(this, hash ?? _dummyHash, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>How many passwords this process has hashed to check them (each is tens of milliseconds of CPU, so this shows a cache that does not hold).</summary>
    public long Verifications => Interlocked.Read(ref _verifications);

    /// <summary>A new random security stamp.</summary>
    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
