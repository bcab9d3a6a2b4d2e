using System.Net;
using HypermediaBpm.Server.Tests.Identity;
using HypermediaBpm.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace HypermediaBpm.Server.Tests.Operations;

/// <summary>The OpenAPI 3.1 description: valid, complete against the routes the server maps, found from the root.</summary>
public sealed class Issue19OpenApiTests : IDisposable
{
    private readonly ServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Issue19_OpenApiDocument_ParsesWithoutErrors_AndListsEveryMappedRoute()
    {
        // Arrange: found from the root by its IANA relation, like everything else.
        var hal = _server.Hal();
        var root = await hal.GetAsync("/");
        var href = Assert.Single(root.Links("service-desc"));

        // Act
        using var response = await hal.Http.GetAsync(href);
        var json = await response.Content.ReadAsStringAsync();
        var (document, diagnostic) = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());

        // Assert: valid OpenAPI 3.1.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(document);
        Assert.True(diagnostic is null || diagnostic.Errors.Count == 0, string.Join("\n", diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic!.SpecificationVersion);

        // Every (method, route) the server maps is described.
        var described = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => (m.Method, p.Key))).ToHashSet();
        var mapped = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Template(e.RoutePattern))))
            .ToHashSet();
        Assert.True(mapped.Count > 50, $"only {mapped.Count} routes mapped?");
        var missing = mapped.Where(r => !described.Contains(r)).Select(r => r.m + " " + r.Item2).Order().ToList();
        Assert.True(missing.Count == 0, "not described: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Issue19_OpenApiDocument_NamesMediaTypesProblemsAndSignInSchemes()
    {
        // Arrange
        var hal = _server.Hal();

        // Act
        var json = await hal.Http.GetStringAsync("/openapi/v1.json");
        var (document, _) = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());

        // Assert: the representations of a resource, and its problems.
        var instance = document!.Paths["/instances/{id}"].Operations![HttpMethod.Get];
        var ok = instance.Responses!["200"].Content!.Keys;
        foreach (var type in new[] { "application/hal+json", "application/prs.hal-forms+json", "application/json", "text/html", "application/atom+xml", "image/svg+xml", "text/plain" })
        {
            Assert.Contains(type, ok);
        }

        Assert.Contains("application/problem+json", instance.Responses["404"].Content!.Keys);
        Assert.Contains("PRECONDITION_FAILED", document.Components!.Schemas!["Problem"].Description, StringComparison.Ordinal);

        // The server's internal resource model is not what clients read: only the documents they do read are schemas.
        Assert.Equal(["HalResource", "JsonEnvelope", "Problem", "TemplateValues"], document.Components.Schemas.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(JsonSchemaType.Object, instance.Responses["200"].Content!["application/hal+json"].Schema!.Type);
        var cancel = document.Paths["/instances/{id}"].Operations![HttpMethod.Delete];
        Assert.Contains("application/problem+json", cancel.Responses!["409"].Content!.Keys);
        Assert.Contains("application/problem+json", cancel.Responses!["412"].Content!.Keys);

        // Basic, Bearer and the session cookie; the root also answers anonymous requests.
        var schemes = document.Components.SecuritySchemes!;
        Assert.Equal(SecuritySchemeType.Http, schemes["basic"].Type);
        Assert.Equal("bearer", schemes["bearer"].Scheme);
        Assert.Equal(ParameterLocation.Cookie, schemes["cookie"].In);
        Assert.Equal(3, document.Security!.Count);
        Assert.Contains(document.Paths["/"].Operations![HttpMethod.Get].Security!, r => r.Count == 0);
    }

    [Fact]
    public async Task Issue19_OpenApiDocument_IsForSignedInUsers_AndNotLinkedForAnonymous()
    {
        // Arrange
        await IdentityTestUsers.AddAsync(_server, "ann");
        var anonymous = _server.AnonymousClient();

        // Act
        using var refused = await anonymous.GetAsync("/openapi/v1.json");
        using var signedOutRoot = await anonymous.GetAsync("/");
        using var ann = await _server.ClientAs("ann", IdentityTestUsers.Password).GetAsync("/openapi/v1.json");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("service-desc", await signedOutRoot.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ann.StatusCode);
    }

    /// <summary>A route as OpenAPI writes its path: parameters by name only.</summary>
    private static string Template(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "?",
        }))));
}
