using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HypermediaBpm.Engine.Persistence;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// Remembers, for <see cref="SecurityOptions.BasicCacheDuration"/>, that an <c>Authorization: Basic</c> value was
/// verified for a user account, keyed by the SHA-256 of the header (the password is not kept), so the password is
/// not hashed again on every request. The account itself is trusted for <see cref="SecurityOptions.AccountRecheckInterval"/>
/// and then read again (a user disabled or given a new password by another server process stops within that
/// time); a change made through this process (<see cref="ForgetUser"/>) applies on the next request. Bounded: when
/// full, it starts again empty.
/// </summary>
public sealed class BasicCredentialCache(TimeProvider clock, IOptions<SecurityOptions> options)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration = options.Value.BasicCacheDuration;
    private readonly TimeSpan _recheck = options.Value.AccountRecheckInterval;

    public static string KeyOf(string header) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)));

    /// <summary>The account verified for <paramref name="key"/> while the credential is fresh, and whether it is due to be read again.</summary>
    public (UserAccount Account, bool Recheck)? Find(string key)
    {
        var now = clock.GetUtcNow();
        return _entries.TryGetValue(key, out var entry) && entry.Until > now ? (entry.Account, now - entry.CheckedAt >= _recheck) : null;
    }

    /// <summary>A credential just verified (or its account just read again, keeping the credential's expiry).</summary>
    public void Remember(string key, UserAccount account)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var now = clock.GetUtcNow();
        _entries.AddOrUpdate(key, _ => new Entry(account, now + _duration, now), (_, e) => e with { Account = account, CheckedAt = now });
    }

    public void Forget(string key) => _entries.TryRemove(key, out _);

    /// <summary>The user was changed (disabled, new password, new groups, removed): their cached credentials go.</summary>
    public void ForgetUser(string userId)
    {
        foreach (var (key, entry) in _entries)
        {
            if (string.Equals(entry.Account.Id, userId, StringComparison.Ordinal))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(UserAccount Account, DateTimeOffset Until, DateTimeOffset CheckedAt);
}
