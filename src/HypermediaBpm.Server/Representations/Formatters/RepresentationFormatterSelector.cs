using System.Collections.Concurrent;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Resources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Options;

namespace HypermediaBpm.Server.Representations.Formatters;

/// <summary>
/// MVC's negotiation with three changes. A wildcard (<c>*/*</c>, a missing <c>Accept</c>) is answered with the
/// resource's default representation (<see cref="Variants.DefaultMediaTypeFor"/>) rather than the first formatter's,
/// while concrete types and quality values are ranked as MVC ranks them. An explicit variant URI (<c>.json</c> suffix or <c>?format=</c>, turned
/// into the result's content type by <see cref="FormatFilter"/>) is answered in that media type whatever
/// <c>Accept</c> says. And when nothing fits, it throws a <c>406 NOT_ACCEPTABLE</c> problem listing the media
/// types this very result has, instead of MVC's empty 406.
/// </summary>
public sealed class RepresentationFormatterSelector(IOptions<MvcOptions> options, ILoggerFactory loggerFactory) : OutputFormatterSelector
{
    private const string FormatKey = "format";

    private readonly DefaultOutputFormatterSelector _inner = new(options, loggerFactory);
    private readonly IList<IOutputFormatter> _formatters = options.Value.OutputFormatters;

    // The configured formatters reordered for each formatter that can come first: built once, not on every response (issue 18).
    private readonly ConcurrentDictionary<IOutputFormatter, IList<IOutputFormatter>> _reordered = new(ReferenceEqualityComparer.Instance);

    /// <inheritdoc />
    public override IOutputFormatter? SelectFormatter(OutputFormatterCanWriteContext context, IList<IOutputFormatter> formatters, MediaTypeCollection mediaTypes)
    {
        var candidates = formatters.Count == 0 ? _formatters : formatters;
        var selected = mediaTypes.Count > 0 && HasExplicitFormat(context.HttpContext)
            ? SelectIgnoringAccept(context, candidates, mediaTypes)
            : _inner.SelectFormatter(context, DefaultFirst(context.Object, candidates), mediaTypes);
        return selected ?? throw NotAcceptable(context, candidates, mediaTypes);
    }

    /// <summary>The media types that <paramref name="formatters"/> can write for this object.</summary>
    public static List<string> Available(object? value, Type? objectType, IEnumerable<IOutputFormatter> formatters)
    {
        var list = value is Resource resource
            ? formatters.OfType<ResourceOutputFormatter>().Where(f => f.CanWriteResource(resource)).SelectMany(f => f.SupportedMediaTypes)
            : formatters.Where(f => f is not ResourceOutputFormatter).OfType<IApiResponseTypeMetadataProvider>()
                .SelectMany(f => objectType is null ? [] : f.GetSupportedContentTypes(null!, objectType) ?? []);
        return list.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// The formatters with the one that writes the resource's default media type moved to the front: MVC hands a
    /// wildcard to the first formatter that matches it, so the default wins <c>*/*</c> and no <c>Accept</c>, and
    /// still loses to any concrete type the client ranks higher.
    /// </summary>
    private IList<IOutputFormatter> DefaultFirst(object? value, IList<IOutputFormatter> formatters)
    {
        if (value is not Resource resource || Variants.DefaultMediaTypeFor(resource) is not { } preferred)
        {
            return formatters;
        }

        IOutputFormatter? first = null;
        foreach (var formatter in formatters)
        {
            if (formatter is ResourceOutputFormatter candidate && candidate.CanWriteResource(resource) && Supports(candidate, preferred))
            {
                first = candidate;
                break;
            }
        }

        if (first is null || ReferenceEquals(formatters[0], first))
        {
            return formatters;
        }

        return ReferenceEquals(formatters, _formatters)
            ? _reordered.GetOrAdd(first, static (f, all) => Reorder(f, all), _formatters)
            : Reorder(first, formatters);
    }

    private static bool Supports(ResourceOutputFormatter formatter, string mediaType)
    {
        foreach (var supported in formatter.SupportedMediaTypes)
        {
            if (string.Equals(supported, mediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static IList<IOutputFormatter> Reorder(IOutputFormatter first, IList<IOutputFormatter> formatters)
    {
        var ordered = new List<IOutputFormatter>(formatters.Count) { first };
        ordered.AddRange(formatters.Where(f => !ReferenceEquals(f, first)));
        return ordered.AsReadOnly();
    }

    private static bool HasExplicitFormat(HttpContext http) =>
        http.GetRouteValue(FormatKey) is not null || http.Request.Query.ContainsKey(FormatKey);

    private static IOutputFormatter? SelectIgnoringAccept(OutputFormatterCanWriteContext context, IList<IOutputFormatter> formatters, MediaTypeCollection mediaTypes)
    {
        foreach (var mediaType in mediaTypes)
        {
            foreach (var formatter in formatters)
            {
                context.ContentType = mediaType;
                context.ContentTypeIsServerDefined = true;
                if (formatter.CanWriteResult(context))
                {
                    return formatter;
                }
            }
        }

        return null;
    }

    private static HttpProblemException NotAcceptable(OutputFormatterCanWriteContext context, IList<IOutputFormatter> formatters, MediaTypeCollection mediaTypes)
    {
        var available = Available(context.Object, context.ObjectType, formatters);
        var requested = mediaTypes.Count > 0 && HasExplicitFormat(context.HttpContext)
            ? string.Join(", ", mediaTypes)
            : context.HttpContext.Request.Headers.Accept.ToString();
        var problemContext = new Dictionary<string, object?> { ["requested"] = requested, ["available"] = available };
        if (context.Object is Resource resource)
        {
            // Where each variant lives: a feed reader refused on a process finds the feed of its instances here.
            problemContext["alternates"] = resource.Links.Where(l => l.Rel == Rels.Alternate && l.Type is not null)
                .Select(l => new Dictionary<string, object?> { ["href"] = l.Href, ["type"] = l.Type, ["title"] = l.Title }).ToList();
        }

        return new HttpProblemException(StatusCodes.Status406NotAcceptable, ProblemCodes.NotAcceptable,
            $"There is no '{requested}' representation of this resource; available: {string.Join(", ", available)}.", problemContext);
    }
}
