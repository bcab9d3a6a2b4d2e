using Microsoft.AspNetCore.Mvc.Filters;

namespace HypermediaBpm.Server.Identity;

/// <summary>
/// A controller or action only for holders of <see cref="Right"/>: anyone else signed in gets <c>403 FORBIDDEN</c>
/// naming the groups that have it, before the request body is read. The decision is <see cref="Permissions.Has"/>'s.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAttribute(Right right) : Attribute, IAuthorizationFilter
{
    public Right Right { get; } = right;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        // Anonymous requests were already answered 401 by the fallback policy (or are allowed on purpose).
        if (context.HttpContext.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var rights = Permissions.Of(context.HttpContext);
        rights.Demand(rights.Has(Right), Permissions.Required(Right), "do this");
    }
}
