using System.Text;
using HypermediaBpm.Engine.Definitions;
using HypermediaBpm.Engine.Instances;
using HypermediaBpm.Server.Representations.Text;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary><c>text/plain</c>: a process or an instance told in sentences, for people, mail and chat.</summary>
public sealed class PlainTextOutputFormatter : ResourceOutputFormatter
{
    public PlainTextOutputFormatter()
        : base(MediaTypes.PlainText)
    {
    }

    public override bool CanWriteResource(Resource resource) =>
        resource.Extras.GetValueOrDefault(ProcessResources.ModelExtra) is DeployedProcess
        && resource.Kind is ResourceKinds.Process or ResourceKinds.Instance;

    protected override string ContentTypeFor(string mediaType) => mediaType + "; charset=utf-8";

    public override async Task WriteResponseBodyAsync(OutputFormatterWriteContext context)
    {
        var resource = (Resource)context.Object!;
        var process = (DeployedProcess)resource.Extras[ProcessResources.ModelExtra]!;
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var text = resource.Extras.GetValueOrDefault(InstanceResources.InstanceExtra) is ProcessInstance instance
            ? InstanceDescription.Describe(instance, process, now)
            : ProcessDescription.Describe(process);
        await context.HttpContext.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
