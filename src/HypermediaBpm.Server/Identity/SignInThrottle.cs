using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// Counts failed sign-ins per user name and per client address in a fixed window; once either reaches
/// <see cref="SecurityOptions.MaxFailures"/>, sign-ins for it are refused (<c>429</c>) until the window ends,
/// without checking the password — so guessing costs the guesser time, not the server hashing. In memory and
/// per process: a restart forgets it. Bounded: past <see cref="MaxEntries"/> keys, ended windows are dropped.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IOptions<SecurityOptions> options)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly SecurityOptions _options = options.Value;

    /// <summary>How long until <paramref name="userName"/> from <paramref name="address"/> may try again; null when it may now.</summary>
    public TimeSpan? RetryAfter(string? userName, string? address)
    {
        var now = clock.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var key in Keys(userName, address))
        {
            if (_windows.TryGetValue(key, out var window) && window.Ends > now && window.Failures >= _options.MaxFailures)
            {
                var left = window.Ends - now;
                wait = wait is { } w && w > left ? w : left;
            }
        }

        return wait;
    }

    public void RecordFailure(string? userName, string? address)
    {
        var now = clock.GetUtcNow();
        if (_windows.Count > MaxEntries)
        {
            foreach (var ended in _windows.Where(p => p.Value.Ends <= now).Select(p => p.Key).ToList())
            {
                _windows.TryRemove(ended, out _);
            }
        }

        foreach (var key in Keys(userName, address))
        {
            _windows.AddOrUpdate(key, _ => new Window(now + _options.FailureWindow, 1),
                (_, w) => w.Ends <= now ? new Window(now + _options.FailureWindow, 1) : w with { Failures = w.Failures + 1 });
        }
    }

    /// <summary>A user who signed in forgets their own failures (the address keeps its count).</summary>
    public void RecordSuccess(string userName) => _windows.TryRemove("user:" + userName, out _);

    private static IEnumerable<string> Keys(string? userName, string? address)
    {
        if (!string.IsNullOrEmpty(userName))
        {
            yield return "user:" + userName;
        }

        if (!string.IsNullOrEmpty(address))
        {
            yield return "address:" + address;
        }
    }

    private sealed record Window(DateTimeOffset Ends, int Failures);
}
