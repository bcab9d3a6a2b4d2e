using System.Net;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Tests.Support;
using HypermediaBpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>
/// Issue 18: when a cached Basic credential expired under load, every request in flight hashed the password at once
/// (tens of milliseconds of CPU each), which stopped the whole server for seconds every 30 s in the benchmarks.
/// </summary>
public sealed class CredentialCacheStampedeTests : IDisposable
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly ServerFactory _server;

    public CredentialCacheStampedeTests() => _server = new ServerFactory(clock: _clock);

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue18_ExpiredBasicCredential_ManyConcurrentRequests_PasswordHashedOnce()
    {
        // Arrange: ann's credential is verified and cached, then expires.
        await IdentityTestUsers.AddAsync(_server, "ann");
        var clients = Enumerable.Range(0, 24).Select(_ => _server.ClientAs("ann", IdentityTestUsers.Password)).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await clients[0].GetAsync("/tasks")).StatusCode);
        var passwords = _server.Services.GetRequiredService<Passwords>();
        _clock.Advance(TimeSpan.FromSeconds(31));
        var before = passwords.Verifications;

        // Act: all at once, as the clients of a busy integration do.
        var answers = await Task.WhenAll(clients.Select(c => Task.Run(() => c.GetAsync("/tasks"))));

        // Assert
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, passwords.Verifications - before);
    }

    [Fact]
    public async Task Issue18_CredentialVerifiedAgainAfterExpiry_CachedForAnotherPeriod()
    {
        // Arrange: the credential expires once and is verified again.
        await IdentityTestUsers.AddAsync(_server, "ann");
        var ann = _server.ClientAs("ann", IdentityTestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/tasks")).StatusCode);
        var passwords = _server.Services.GetRequiredService<Passwords>();
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/tasks")).StatusCode);
        var afterSecondCheck = passwords.Verifications;

        // Act: more requests within the new period (its account re-read after a second, as usual).
        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/tasks")).StatusCode);
        }

        // Assert
        Assert.Equal(afterSecondCheck, passwords.Verifications);
    }

    [Fact]
    public async Task Issue18_ConcurrentWrongPasswords_EachCheckedAndCounted_ThenThrottled()
    {
        // Arrange: the same wrong password sent at once must not share one (failed) check: the throttle counts each.
        await IdentityTestUsers.AddAsync(_server, "ann");
        var clients = Enumerable.Range(0, 12).Select(_ => _server.ClientAs("ann", "not-her-password")).ToArray();

        // Act
        var answers = await Task.WhenAll(clients.Select(c => Task.Run(() => c.GetAsync("/tasks"))));
        var rightOneAfter = await _server.ClientAs("ann", IdentityTestUsers.Password).GetAsync("/tasks");

        // Assert
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightOneAfter.StatusCode);
    }

    [Fact]
    public async Task Issue18_CredentialOfADisabledUser_SharedCheckDoesNotLetItIn()
    {
        // Arrange: a user disabled through this server; its old credential is forgotten and checked again.
        await IdentityTestUsers.AddAsync(_server, "ann");
        var ann = _server.ClientAs("ann", IdentityTestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/tasks")).StatusCode);
        var store = _server.Services.GetRequiredService<HypermediaBpm.Engine.Persistence.IEngineStore>();
        Assert.True(await store.SetUserDisabledAsync("ann", true, "stamp-after-disabling", CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(31));

        // Act
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _server.ClientAs("ann", IdentityTestUsers.Password).GetAsync("/tasks"))));

        // Assert
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
    }
}
