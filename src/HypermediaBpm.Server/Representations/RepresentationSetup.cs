using System.Text.Json;
using HypermediaBpm.Server.Problems;
using HypermediaBpm.Server.Representations.Formatters;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// Content negotiation, formatters, explicit variant URIs, problem documents, request limits and the
/// browser-facing defences (security headers, allowed hosts, cross-site refusal), configured once. <c>services.AddHypermediaRepresentations()</c> and, first in the pipeline,
/// <c>app.UseHypermediaRepresentations()</c>.
/// </summary>
public static class RepresentationSetup
{
    /// <summary>Registers and configures the representation layer (MVC included; calling it twice is harmless).</summary>
    public static IServiceCollection AddHypermediaRepresentations(this IServiceCollection services, Action<RepresentationOptions>? configure = null)
    {
        var options = services.AddOptions<RepresentationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // MVC's own option setups must be registered before ours, which edit what they create.
        services.AddControllers();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigureOptions<MvcOptions>, ConfigureMvc>());
        services.Configure<ApiBehaviorOptions>(api =>
        {
            // Bare client errors (NotFound(), 415 from [Consumes]) stay bodiless so ProblemMiddleware writes our problem, not MVC's ProblemDetails.
            api.SuppressMapClientErrors = true;
            api.InvalidModelStateResponseFactory = context => new ProblemResult(ModelStateProblems.From(context.ModelState));
        });
        services.RemoveAll<OutputFormatterSelector>();
        services.AddSingleton<OutputFormatterSelector, RepresentationFormatterSelector>();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RepresentationOptions>>((kestrel, r) =>
            kestrel.Limits.MaxRequestBodySize = r.Value.MaxRequestBodySize);
        services.AddOptions<FormOptions>().Configure<IOptions<RepresentationOptions>>((form, r) =>
        {
            form.MultipartBodyLengthLimit = r.Value.MaxRequestBodySize;

            // A pasted BPMN model is one form value: it may be as large as the whole body.
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, r.Value.MaxRequestBodySize);
        });

        services.TryAddSingleton<ExceptionProblemMapper>();
        services.TryAddSingleton<ProblemResponder>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemFormatter, ProblemJsonFormatter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemFormatter, ProblemHtmlFormatter>());

        // Forms on the HTML pages carry a token; BrowserFormAntiforgeryFilter checks it on browsers' form posts.
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "hbpm-antiforgery";
            antiforgery.FormFieldName = "__RequestVerificationToken";
        });
        services.AddAllowedHosts();
        return services;
    }

    /// <summary>
    /// Adds the security headers, the problem middleware, host filtering and HEAD support (the cross-site refusal
    /// comes after authentication: see <c>AuthenticationSetup.UseHypermediaAuthentication</c>).
    /// Call it first, before routing and everything else, so that every answer carries the headers, every error —
    /// unknown URLs, 405, 413, a foreign Host and exceptions from anywhere — becomes a problem document, and so
    /// that HEAD is routed like GET (with routing before it, HEAD gets 405).
    /// </summary>
    public static IApplicationBuilder UseHypermediaRepresentations(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<ProblemMiddleware>();
        app.UseMiddleware<AllowedHostsMiddleware>();
        app.UseMiddleware<HeadRequestMiddleware>();
        return app;
    }

    /// <summary>
    /// The output formatters, in rank order (a wildcard goes to the resource's default first:
    /// <see cref="Variants.DefaultMediaTypeFor"/>, then to the first here that can write it).
    /// Each representation is one class and one line here.
    /// </summary>
    public static IReadOnlyList<ResourceOutputFormatter> CreateResourceFormatters() =>
    [
        new HalOutputFormatter(),
        new JsonEnvelopeOutputFormatter(),
        new TccJsonOutputFormatter(),
        new HtmlOutputFormatter(),
        new AtomOutputFormatter(),
        new SvgOutputFormatter(),

        // Below HTML and only for process definitions: browsers also send application/xml;q=0.9.
        new BpmnXmlOutputFormatter(),
        new PlainTextOutputFormatter(),

    ];

    /// <summary>MVC options: negotiation that honours browsers' Accept and answers 406, our formatters, format mappings, filters.</summary>
    private sealed class ConfigureMvc : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            if (options.OutputFormatters.OfType<HalOutputFormatter>().Any())
            {
                return;
            }

            // Without these, */* in a browser's Accept is ignored and an unmatched Accept silently gets the first formatter.
            options.RespectBrowserAcceptHeader = true;
            options.ReturnHttpNotAcceptable = true;

            // The string and JSON formatters would write a Resource as text or as a raw .NET object.
            var json = options.OutputFormatters.OfType<SystemTextJsonOutputFormatter>().FirstOrDefault();
            options.OutputFormatters.RemoveType<StringOutputFormatter>();
            options.OutputFormatters.RemoveType<SystemTextJsonOutputFormatter>();
            var resourceFormatters = CreateResourceFormatters();
            for (var i = 0; i < resourceFormatters.Count; i++)
            {
                options.OutputFormatters.Insert(i, resourceFormatters[i]);
            }

            options.OutputFormatters.Add(new PlainJsonOutputFormatter(json?.SerializerOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            foreach (var (format, mediaType) in MediaTypes.ByFormat)
            {
                options.FormatterMappings.SetMediaTypeMappingForFormat(format, MediaTypeHeaderValue.Parse(mediaType));
            }

            // Every action answers .{format} and ?format= (controllers may still put [FormatFilter] on themselves).
            options.Filters.Add(new FormatFilterAttribute());
            options.Filters.Add<RequestBodyLimitFilter>();
            options.Filters.Add<BrowserFormAntiforgeryFilter>();
        }
    }
}
