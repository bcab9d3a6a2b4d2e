using System.Security.Cryptography;
using System.Text;
using System.Xml;
using HypermediaBpm.Engine.Errors;
using HypermediaBpm.Engine.Persistence;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// API tokens: opaque secrets of 32 random bytes (<see cref="RandomNumberGenerator"/>), shown once when created
/// and kept only as their SHA-256 (a secret this long needs no slow hash: it cannot be guessed, only stolen).
/// </summary>
public sealed class ApiTokens(IEngineStore store, TimeProvider clock, IOptions<SecurityOptions> options)
{
    /// <summary>What every secret starts with, so that one found in a log or a repository can be recognised.</summary>
    public const string Prefix = "hbpm_";

    public static string HashOf(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Creates a token for <paramref name="userId"/>; returns it with its secret (the only time the secret exists).</summary>
    public async Task<(ApiTokenRecord Token, string Secret)> CreateAsync(string userId, string? name, string? expiresIn, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors.Add(new ValidationError("FIELD_INVALID", "'name' must be 1 to 100 characters (what the token is for).", "name"));
        }

        var lifetime = ParseLifetime(expiresIn, errors);
        if (errors.Count > 0)
        {
            throw new ValidationException("INVALID_INPUT", string.Join(" ", errors.Select(e => e.Message)), errors);
        }

        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var token = new ApiTokenRecord(Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(), userId, name!, HashOf(secret), now, now + lifetime);
        await store.AddApiTokenAsync(token, cancellationToken).ConfigureAwait(false);
        return (token, secret);
    }

    private TimeSpan ParseLifetime(string? expiresIn, List<ValidationError> errors)
    {
        var max = options.Value.MaxTokenLifetime;
        if (string.IsNullOrWhiteSpace(expiresIn))
        {
            return TimeSpan.FromDays(90);
        }

        try
        {
            var lifetime = XmlConvert.ToTimeSpan(expiresIn.Trim());
            if (lifetime > TimeSpan.Zero && lifetime <= max)
            {
                return lifetime;
            }
        }
        catch (FormatException)
        {
        }

        errors.Add(new ValidationError("FIELD_INVALID", $"'expiresIn' must be an ISO 8601 duration (such as P30D) above zero and at most {XmlConvert.ToString(max)}.", "expiresIn"));
        return TimeSpan.Zero;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
