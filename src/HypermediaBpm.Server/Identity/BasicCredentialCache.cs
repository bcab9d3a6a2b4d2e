using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// Remembers, for <see cref="SecurityOptions.BasicCacheDuration"/>, that an <c>Authorization: Basic</c> value was
/// verified for a user with a given security stamp, keyed by the SHA-256 of the header (the password is not kept).
/// The caller still reads the user per request: a disabled user or a new password (a new stamp) stops the entry
/// at once. Bounded: when full, it starts again empty.
/// </summary>
public sealed class BasicCredentialCache(TimeProvider clock, IOptions<SecurityOptions> options)
{
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration = options.Value.BasicCacheDuration;

    public static string KeyOf(string header) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)));

    /// <summary>The user and stamp verified for <paramref name="key"/>, while fresh.</summary>
    public (string User, string Stamp)? Find(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Until > clock.GetUtcNow() ? (entry.User, entry.Stamp) : null;

    public void Remember(string key, string user, string stamp)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(user, stamp, clock.GetUtcNow() + _duration);
    }

    public void Forget(string key) => _entries.TryRemove(key, out _);

    private sealed record Entry(string User, string Stamp, DateTimeOffset Until);
}
