using System.Collections.Concurrent;
using System.Security.Claims;
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
/// full, it starts again empty. Requests that miss it with the same header at the same time share one password check
/// (<see cref="VerifyOnceAsync"/>): without that, every client of a busy integration hashed its password at once each
/// time the entry expired, a stampede that stopped the server for seconds (issue 18).
/// </summary>
public sealed class BasicCredentialCache(TimeProvider clock, IOptions<SecurityOptions> options)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<SignInOutcome>> _checking = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration = options.Value.BasicCacheDuration;
    private readonly TimeSpan _recheck = options.Value.AccountRecheckInterval;

    public static string KeyOf(string header) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)));

    /// <summary>
    /// The account verified for <paramref name="key"/> while the credential is fresh, its principal (built once per
    /// reading of the account, not per request: nothing in the server changes a principal once built), and whether the
    /// account is due to be read again.
    /// </summary>
    public (UserAccount Account, ClaimsPrincipal Principal, bool Recheck)? Find(string key)
    {
        var now = clock.GetUtcNow();
        return _entries.TryGetValue(key, out var entry) && entry.Until > now ? (entry.Account, entry.Principal, now - entry.CheckedAt >= _recheck) : null;
    }

    /// <summary>
    /// A credential whose password was just verified (<paramref name="passwordVerified"/>: trusted for another
    /// <see cref="SecurityOptions.BasicCacheDuration"/>) or whose account was just read again (the credential keeps its expiry).
    /// </summary>
    public void Remember(string key, UserAccount account, bool passwordVerified)
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
        // A verified password starts a new period even over an expired entry: keeping the old expiry there left the
        // entry expired for good, and every later request hashed the password again (issue 18).
        var principal = UserPrincipals.Create(account, AuthSchemes.Basic);
        _entries.AddOrUpdate(
            key,
            _ => new Entry(account, now + _duration, now, principal),
            (_, e) => passwordVerified ? new Entry(account, now + _duration, now, principal) : e with { Account = account, CheckedAt = now, Principal = principal });
    }

    /// <summary>
    /// Runs <paramref name="check"/> for <paramref name="key"/> unless a check of the same header is already running, in
    /// which case its outcome is awaited instead. A shared outcome is only a success: when the running check fails (or
    /// is cancelled with its request), a waiter gets null and checks on its own, so every wrong password is still
    /// counted by the throttle for its own address.
    /// </summary>
    public async Task<SignInOutcome?> VerifyOnceAsync(string key, Func<Task<SignInOutcome>> check, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<SignInOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _checking.GetOrAdd(key, mine.Task);
        if (!ReferenceEquals(running, mine.Task))
        {
            try
            {
                var shared = await running.WaitAsync(cancellationToken).ConfigureAwait(false);
                return shared.Account is null ? null : shared;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }

        try
        {
            var outcome = await check().ConfigureAwait(false);
            if (outcome.Account is { } account)
            {
                // Remembered before the check stops being "running", so a request arriving in between finds one or the other.
                Remember(key, account, passwordVerified: true);
            }

            mine.SetResult(outcome);
            return outcome;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            throw;
        }
        finally
        {
            _checking.TryRemove(KeyValuePair.Create(key, mine.Task));
        }
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

    private sealed record Entry(UserAccount Account, DateTimeOffset Until, DateTimeOffset CheckedAt, ClaimsPrincipal Principal);
}
