using System.Text.Json;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// <c>application/tcc+json</c>, and <c>application/json</c> for the same answer: the try-confirm/cancel protocol's
/// own body, <c>{"participantLink": {"uri", "expires"}}</c>, unchanged, so that any TCC coordinator reads it. Only
/// the answer to <c>reserve</c> has it; the JSON envelope formatter steps aside for that answer.
/// </summary>
public sealed class TccJsonOutputFormatter : ResourceOutputFormatter
{
    public TccJsonOutputFormatter()
        : base(MediaTypes.TccJson, MediaTypes.Json)
    {
    }

    public override bool CanWriteResource(Resource resource) => resource.Kind == ResourceKinds.ParticipantLink;

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var resource = (Resource)context.Object!;
        var body = context.HttpContext.Response.BodyWriter;
        await using (var writer = new Utf8JsonWriter(body, JsonValues.WriterOptions))
        {
            JsonValues.WriteObject(writer, resource.Properties);
        }

        await body.FlushAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
