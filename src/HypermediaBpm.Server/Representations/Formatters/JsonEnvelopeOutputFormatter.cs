using System.Text.Json;
using HypermediaBpm.Server.Representations.Json;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary><c>application/json</c>: the <c>{"data": ...}</c> envelope for plain JSON clients (a SPA with fetch).</summary>
public sealed class JsonEnvelopeOutputFormatter : ResourceOutputFormatter
{
    public JsonEnvelopeOutputFormatter()
        : base(MediaTypes.Json)
    {
    }

    /// <summary>The answer to <c>reserve</c> is the try-confirm/cancel protocol's body, not an envelope (<see cref="TccJsonOutputFormatter"/>).</summary>
    public override bool CanWriteResource(Resource resource) => resource.Kind != ResourceKinds.ParticipantLink;

    /// <inheritdoc />
    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var resource = (Resource)context.Object!;
        var body = context.HttpContext.Response.BodyWriter;
        await using (var writer = new Utf8JsonWriter(body, JsonValues.WriterOptions))
        {
            JsonEnvelopeWriter.Write(writer, resource);
        }

        await body.FlushAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
