using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace HypermediaBpm.Server.Tests.Identity;

/// <summary>
/// JWTs of an external OpenID Connect provider, configured by <c>Security:Jwt:*</c> only. The provider's metadata
/// is given to the server by the test (its signing key), so nothing is fetched: no network.
/// </summary>
public sealed class JwtBearerTests : IDisposable
{
    private const string Authority = "https://127.0.0.1:9/realms/test";
    private readonly SymmetricSecurityKey _key = new(RandomNumberGenerator.GetBytes(32));
    private readonly ServerFactory _server;

    public JwtBearerTests()
    {
        var metadata = new OpenIdConnectConfiguration { Issuer = Authority };
        metadata.SigningKeys.Add(_key);
        _server = new ServerFactory(
            settings: new Dictionary<string, string>
            {
                ["Security:Jwt:Authority"] = Authority,
                ["Security:Jwt:Audience"] = "hypermediabpm",
                ["Security:Jwt:GroupsClaim"] = "roles",
            },
            services: services => services.PostConfigure<JwtBearerOptions>(AuthSchemes.Jwt,
                jwt => jwt.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata)));
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Jwt_SignedByTheProvider_SignsInWithGroupsFromTheConfiguredClaim()
    {
        // Arrange
        var hal = new HalClient(BearerClient(Token(_key, "hypermediabpm")));

        // Act
        var me = await hal.GetAsync("/me");

        // Assert
        Assert.Equal("olivia", me.String("name"));
        Assert.Equal(["operators", "sales"], me.Property("groups").EnumerateArray().Select(g => g.GetString()).Order());
        Assert.Equal(AuthSchemes.Jwt, me.String("signedInWith"));
    }

    [Fact]
    public async Task Jwt_WrongSignatureOrAudience_401()
    {
        // Arrange
        var forged = Token(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), "hypermediabpm");
        var otherAudience = Token(_key, "someone-else");

        // Act
        using var forgedAnswer = await BearerClient(forged).GetAsync("/me");
        using var audienceAnswer = await BearerClient(otherAudience).GetAsync("/me");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, forgedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, audienceAnswer.StatusCode);
    }

    private static string Token(SecurityKey key, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Authority,
        Audience = audience,
        Expires = DateTime.UtcNow.AddMinutes(5),
        Claims = new Dictionary<string, object> { ["sub"] = "b1c2", ["preferred_username"] = "olivia", ["roles"] = new[] { "sales", "operators" } },
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });

    private HttpClient BearerClient(string token)
    {
        var client = _server.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
