using Microsoft.AspNetCore.Http.Features;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// Answers <c>HEAD</c> wherever <c>GET</c> is answered (RFC 9110 §9.3.2: same headers — ETag, Link, ... — no
/// body) without every action declaring it: the request is routed as a GET and the body goes nowhere. It must
/// run before routing to have an effect.
/// </summary>
public sealed class HeadRequestMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var body = context.Features.Get<IHttpResponseBodyFeature>();
        context.Request.Method = HttpMethods.Get;
        if (body is not null)
        {
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            if (body is not null)
            {
                context.Features.Set(body);
            }
        }
    }
}
