using System.Text.Json;

namespace HypermediaBpm.Server.Tests.Support;

/// <summary>A HAL+JSON document read the way a generic client reads it: by relation and template name.</summary>
public sealed class HalDocument(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public string Self => Link("self");

    public string Link(string rel) => Links(rel).FirstOrDefault() ?? throw new Xunit.Sdk.XunitException($"No '{rel}' link in {Root}");

    public IEnumerable<string> Links(string rel)
    {
        if (!Root.TryGetProperty("_links", out var links) || !links.TryGetProperty(rel, out var value))
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(l => l.GetProperty("href").GetString()!).ToList()
            : [value.GetProperty("href").GetString()!];
    }

    public bool HasTemplate(string name) => Root.TryGetProperty("_templates", out var t) && t.TryGetProperty(name, out _);

    public JsonElement Template(string name) =>
        HasTemplate(name) ? Root.GetProperty("_templates").GetProperty(name) : throw new Xunit.Sdk.XunitException($"No '{name}' template in {Root}");

    public IEnumerable<string> TemplateNames =>
        Root.TryGetProperty("_templates", out var t) ? t.EnumerateObject().Select(p => p.Name).ToList() : [];

    public string String(string property) => Root.GetProperty(property).GetString()!;

    public string SelfHref => Self;

    public JsonElement Property(string name) => Root.GetProperty(name);

    /// <summary>Every link (curies aside): relation, href and whether it is templated.</summary>
    public IEnumerable<(string Rel, string Href, bool Templated)> AllLinks()
    {
        if (!Root.TryGetProperty("_links", out var links))
        {
            yield break;
        }

        foreach (var property in links.EnumerateObject().Where(p => p.Name != "curies"))
        {
            var values = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : [property.Value];
            foreach (var link in values)
            {
                yield return (property.Name, link.GetProperty("href").GetString()!,
                    link.TryGetProperty("templated", out var t) && t.ValueKind == JsonValueKind.True);
            }
        }
    }

    public IEnumerable<HalDocument> Embedded(string rel)
    {
        if (!Root.TryGetProperty("_embedded", out var embedded) || !embedded.TryGetProperty(rel, out var value))
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(e => new HalDocument(e)).ToList() : [new HalDocument(value)];
    }

    public override string ToString() => Root.ToString();
}
