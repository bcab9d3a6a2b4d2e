using HypermediaBpm.Bpmn.Parsing;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// <c>application/bpmn+xml</c> (and <c>application/xml</c>): the deployed BPMN 2.0 source, byte for byte. Only
/// process definitions have it, and it ranks below HTML because browsers also accept <c>application/xml</c>.
/// </summary>
public sealed class BpmnXmlOutputFormatter : ResourceOutputFormatter
{
    public BpmnXmlOutputFormatter()
        : base(MediaTypes.Bpmn, MediaTypes.Xml)
    {
    }

    public override bool CanWriteResource(Resource resource) =>
        resource.Kind == ResourceKinds.Process && resource.Extras.ContainsKey(ProcessResources.BpmnXmlExtra);

    /// <summary>The charset is the one the document is in (what its byte order mark or XML declaration says), so both agree.</summary>
    protected override string ContentTypeFor(string mediaType, Resource resource) =>
        $"{mediaType}; charset={Source(resource).Charset}";

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var source = Source((Resource)context.Object!);
        await context.HttpContext.Response.Body.WriteAsync(source.Bytes, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static BpmnSource Source(Resource resource) => (BpmnSource)resource.Extras[ProcessResources.BpmnXmlExtra]!;
}
