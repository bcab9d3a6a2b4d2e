using System.Text.Json;
using HypermediaBpm.Server.Representations.Hal;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// <c>application/hal+json</c> and <c>application/prs.hal-forms+json</c> (the same document; HAL-FORMS always
/// has <c>_templates</c>), for the clients that ask for them; <c>*/*</c> gets the resource's default
/// (<see cref="Variants.DefaultMediaTypeFor"/>).
/// </summary>
public sealed class HalOutputFormatter : ResourceOutputFormatter
{
    public HalOutputFormatter()
        : base(MediaTypes.Hal, MediaTypes.HalForms)
    {
    }

    /// <inheritdoc />
    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var resource = (Resource)context.Object!;
        var halForms = string.Equals(Variants.Bare(context.ContentType.Value ?? MediaTypes.Hal), MediaTypes.HalForms, StringComparison.OrdinalIgnoreCase);
        var body = context.HttpContext.Response.BodyWriter;
        await using (var writer = new Utf8JsonWriter(body, JsonValues.WriterOptions))
        {
            HalWriter.Write(writer, resource, halForms);
        }

        await body.FlushAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
