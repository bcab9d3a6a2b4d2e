using System.Text.Json;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Hal;

/// <summary>
/// Writes a <see cref="Resource"/> as HAL (<c>application/hal+json</c>) with HAL-FORMS <c>_templates</c>
/// (<c>application/prs.hal-forms+json</c>): state, then <c>_links</c>, <c>_embedded</c>, <c>_templates</c>.
/// </summary>
public static class HalWriter
{
    private const string LinksKey = "_links";
    private const string EmbeddedKey = "_embedded";
    private const string TemplatesKey = "_templates";
    private const string CuriesKey = "curies";

    /// <summary>Writes the document to a new UTF-8 byte array (tests, caching).</summary>
    public static byte[] ToUtf8Bytes(Resource resource, bool halForms = false)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonValues.WriterOptions))
        {
            Write(writer, resource, halForms);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes <paramref name="resource"/> as a top-level HAL document. With <paramref name="halForms"/> the
    /// <c>_templates</c> key is always present (HAL-FORMS clients look for it); otherwise only when there are templates.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, Resource resource, bool halForms = false) =>
        WriteResource(writer, resource, topLevel: true, alwaysTemplates: halForms);

    private static void WriteResource(Utf8JsonWriter writer, Resource resource, bool topLevel, bool alwaysTemplates)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in resource.Properties)
        {
            // A property named like a HAL reserved key would make the document ambiguous.
            if (name is LinksKey or EmbeddedKey or TemplatesKey)
            {
                continue;
            }

            writer.WritePropertyName(name);
            JsonValues.Write(writer, value);
        }

        WriteLinks(writer, resource.Links, topLevel);
        WriteEmbedded(writer, resource.Embedded, alwaysTemplates);
        if (resource.Templates.Count > 0 || (topLevel && alwaysTemplates))
        {
            writer.WritePropertyName(TemplatesKey);
            WriteTemplates(writer, resource.Templates);
        }

        writer.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter writer, IReadOnlyList<Link> links, bool withCuries)
    {
        writer.WriteStartObject(LinksKey);
        if (withCuries)
        {
            // Declared in every document, whether or not it uses a bpm: relation, so clients can rely on it.
            writer.WriteStartArray(CuriesKey);
            writer.WriteStartObject();
            writer.WriteString("name", Rels.CuriePrefix);
            writer.WriteString("href", Rels.CurieHref);
            writer.WriteBoolean("templated", true);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        // One property per relation, in the order each relation first appears (as a GroupBy would give), found by
        // scanning the short list instead of grouping it: no lookup, groupings or lists made for every document.
        for (var i = 0; i < links.Count; i++)
        {
            var rel = links[i].Rel;
            if (IndexOfRel(links, rel, 0, i) >= 0)
            {
                continue;
            }

            writer.WritePropertyName(rel);
            if (rel != Rels.Item && IndexOfRel(links, rel, i + 1, links.Count) < 0)
            {
                WriteLink(writer, links[i]);
                continue;
            }

            writer.WriteStartArray();
            for (var j = i; j < links.Count; j++)
            {
                if (string.Equals(links[j].Rel, rel, StringComparison.Ordinal))
                {
                    WriteLink(writer, links[j]);
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>The first link of <paramref name="rel"/> in [<paramref name="from"/>, <paramref name="to"/>), or -1.</summary>
    private static int IndexOfRel(IReadOnlyList<Link> links, string rel, int from, int to)
    {
        for (var j = from; j < to; j++)
        {
            if (string.Equals(links[j].Rel, rel, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }

    private static void WriteLink(Utf8JsonWriter writer, Link link)
    {
        writer.WriteStartObject();
        writer.WriteString("href", link.Href);
        WriteIfSet(writer, "title", link.Title);
        WriteIfSet(writer, "type", link.Type);
        if (link.Templated)
        {
            writer.WriteBoolean("templated", true);
        }

        WriteIfSet(writer, "name", link.Name);
        writer.WriteEndObject();
    }

    private static void WriteEmbedded(Utf8JsonWriter writer, Dictionary<string, List<Resource>> embedded, bool alwaysTemplates)
    {
        if (embedded.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(EmbeddedKey);
        foreach (var (rel, resources) in embedded)
        {
            writer.WritePropertyName(rel);
            if (resources.Count == 1 && rel != Rels.Item)
            {
                WriteResource(writer, resources[0], topLevel: false, alwaysTemplates);
                continue;
            }

            writer.WriteStartArray();
            foreach (var resource in resources)
            {
                WriteResource(writer, resource, topLevel: false, alwaysTemplates);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteTemplates(Utf8JsonWriter writer, IReadOnlyList<Template> templates)
    {
        writer.WriteStartObject();
        foreach (var template in templates)
        {
            writer.WriteStartObject(template.Name);
            WriteIfSet(writer, "title", template.Title);
            writer.WriteString("method", template.Method);
            writer.WriteString("target", template.Target);
            writer.WriteString("contentType", template.ContentType);
            writer.WriteStartArray("properties");
            foreach (var property in template.Properties)
            {
                WriteProperty(writer, property);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, TemplateProperty property)
    {
        writer.WriteStartObject();
        writer.WriteString("name", property.Name);
        WriteIfSet(writer, "prompt", property.Prompt);
        writer.WriteString("type", property.Type);
        if (property.Required)
        {
            writer.WriteBoolean("required", true);
        }

        WriteIfSet(writer, "value", property.Value);
        if (property.ReadOnly)
        {
            writer.WriteBoolean("readOnly", true);
        }

        WriteIfSet(writer, "regex", property.Regex);
        if (property.Options is { } options)
        {
            writer.WriteStartObject("options");
            writer.WriteStartArray("inline");
            foreach (var option in options)
            {
                writer.WriteStartObject();
                writer.WriteString("prompt", option.Prompt);
                writer.WriteString("value", option.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (property.Value is { } selected)
            {
                // HAL-FORMS reads the current choice from selectedValues, not from the property's value.
                writer.WriteStartArray("selectedValues");
                writer.WriteStringValue(selected);
                writer.WriteEndArray();
            }

            writer.WriteNumber("maxItems", 1);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
