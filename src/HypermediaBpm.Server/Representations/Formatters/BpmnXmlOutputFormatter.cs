using System.Text;
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

    protected override string ContentTypeFor(string mediaType) => mediaType + "; charset=utf-8";

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var xml = (string)((Resource)context.Object!).Extras[ProcessResources.BpmnXmlExtra]!;
        await context.HttpContext.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(xml), context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
