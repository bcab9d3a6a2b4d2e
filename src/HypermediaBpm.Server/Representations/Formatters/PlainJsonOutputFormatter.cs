using System.Text.Json;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// MVC's System.Text.Json formatter for objects that are not resources (rare: most plain JSON answers are
/// <c>JsonResult</c>s, which need no formatter). It refuses <see cref="Resource"/>, which it would otherwise
/// serialize as a raw .NET object for <c>text/json</c> or <c>application/*+json</c>.
/// </summary>
public sealed class PlainJsonOutputFormatter : SystemTextJsonOutputFormatter
{
    public PlainJsonOutputFormatter(JsonSerializerOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override bool CanWriteType(Type? type) =>
        type is not null && !typeof(Resource).IsAssignableFrom(type) && base.CanWriteType(type);

    /// <inheritdoc />
    public override bool CanWriteResult(OutputFormatterCanWriteContext context) =>
        context.Object is not Resource && base.CanWriteResult(context);
}
