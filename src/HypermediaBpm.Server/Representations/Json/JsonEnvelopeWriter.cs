using System.Text.Json;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Json;

/// <summary>
/// Writes a <see cref="Resource"/> as the plain <c>application/json</c> envelope for clients that do not speak
/// HAL: <c>{"data": {...state, "links": {rel: href}}}</c>, and for a collection
/// <c>{"data": {"items": [...], "total", "page", "pageSize", "totalPages", "links"}}</c>.
/// </summary>
public static class JsonEnvelopeWriter
{
    private const string DataKey = "data";
    private const string ItemsKey = "items";
    private const string LinksKey = "links";

    /// <summary>The paging numbers, written from <see cref="CollectionInfo"/> and never twice from the properties.</summary>
    private static readonly HashSet<string> PagingNames = new(StringComparer.Ordinal) { "total", "page", "pageSize", "totalPages" };

    /// <summary>Writes the envelope to a new UTF-8 byte array (tests, caching).</summary>
    public static byte[] ToUtf8Bytes(Resource resource)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonValues.WriterOptions))
        {
            Write(writer, resource);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <c>{"data": ...}</c> for <paramref name="resource"/>.</summary>
    public static void Write(Utf8JsonWriter writer, Resource resource)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(DataKey);
        if (resource.Collection is { } paging)
        {
            WriteCollection(writer, resource, paging);
        }
        else
        {
            WriteData(writer, resource);
        }

        writer.WriteEndObject();
    }

    private static void WriteCollection(Utf8JsonWriter writer, Resource resource, CollectionInfo paging)
    {
        writer.WriteStartObject();
        writer.WriteStartArray(ItemsKey);
        foreach (var item in resource.Embedded.GetValueOrDefault(Rels.Item) ?? [])
        {
            WriteData(writer, item);
        }

        writer.WriteEndArray();
        writer.WriteNumber("total", paging.Total);
        writer.WriteNumber("page", paging.Page);
        writer.WriteNumber("pageSize", paging.PageSize);
        writer.WriteNumber("totalPages", paging.TotalPages);
        WriteProperties(writer, resource.Properties.Where(p => !PagingNames.Contains(p.Key) && p.Key != ItemsKey));
        WriteEmbedded(writer, resource.Embedded.Where(e => e.Key != Rels.Item));

        // The members are under "items" already; listing their hrefs again as "item" links would only repeat them.
        WriteLinks(writer, resource.Links.Where(l => l.Rel != Rels.Item));
        writer.WriteEndObject();
    }

    /// <summary>One resource's state, its embedded resources by relation, then its links.</summary>
    private static void WriteData(Utf8JsonWriter writer, Resource resource)
    {
        writer.WriteStartObject();
        WriteProperties(writer, resource.Properties);
        WriteEmbedded(writer, resource.Embedded);
        WriteLinks(writer, resource.Links);
        writer.WriteEndObject();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        foreach (var (name, value) in properties)
        {
            if (name == LinksKey)
            {
                continue;
            }

            writer.WritePropertyName(name);
            JsonValues.Write(writer, value);
        }
    }

    private static void WriteEmbedded(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, List<Resource>>> embedded)
    {
        foreach (var (rel, resources) in embedded)
        {
            writer.WritePropertyName(rel);
            if (resources.Count == 1 && rel != Rels.Item)
            {
                WriteData(writer, resources[0]);
                continue;
            }

            writer.WriteStartArray();
            foreach (var resource in resources)
            {
                WriteData(writer, resource);
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteLinks(Utf8JsonWriter writer, IEnumerable<Link> links)
    {
        writer.WriteStartObject(LinksKey);
        foreach (var group in links.GroupBy(l => l.Rel, StringComparer.Ordinal))
        {
            var hrefs = group.Select(l => l.Href).ToList();
            if (hrefs.Count == 1 && group.Key != Rels.Item)
            {
                writer.WriteString(group.Key, hrefs[0]);
                continue;
            }

            writer.WriteStartArray(group.Key);
            foreach (var href in hrefs)
            {
                writer.WriteStringValue(href);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
