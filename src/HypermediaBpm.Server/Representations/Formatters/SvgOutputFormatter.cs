using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Server.Representations.Svg;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// <c>image/svg+xml</c>: the BPMN diagram of any resource that carries a model (processes, instances, their
/// diagram resources), with the live state the resource has: a diagram resource's full overlay, an instance's
/// tokens and incidents, nothing for a process. It does no I/O: the controllers gather the state.
/// </summary>
public sealed class SvgOutputFormatter : ResourceOutputFormatter
{
    public SvgOutputFormatter()
        : base(MediaTypes.Svg)
    {
    }

    public override bool CanWriteResource(Resource resource) =>
        resource.Extras.TryGetValue(ProcessResources.ModelExtra, out var model) && model is DeployedProcess;

    protected override string ContentTypeFor(string mediaType) => mediaType + "; charset=utf-8";

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var resource = (Resource)context.Object!;
        var model = (DeployedProcess)resource.Extras[ProcessResources.ModelExtra]!;
        var state = resource.Extras.GetValueOrDefault(DiagramResources.StateExtra) as DiagramState
            ?? (resource.Extras.GetValueOrDefault(InstanceResources.InstanceExtra) is ProcessInstance instance ? DiagramResources.InstanceState(instance, null) : null);

        // Rendered to memory first: XmlWriter writes synchronously, and Kestrel refuses synchronous body writes.
        using var buffer = new MemoryStream();
        SvgDiagramWriter.Write(buffer, model.Definitions, state);
        buffer.Position = 0;
        await buffer.CopyToAsync(context.HttpContext.Response.Body, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
