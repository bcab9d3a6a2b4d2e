using HypermediaBpm.Server.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace HypermediaBpm.Server.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>: administrators, or a scraper with the scrape token. A roles requirement at heart,
/// so that a signed-in user without the right gets the usual <c>403 FORBIDDEN</c> naming <c>admins</c>.
/// </summary>
public sealed class MetricsReaderRequirement() : RolesAuthorizationRequirement([BuiltInGroups.Admins])
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RolesAuthorizationRequirement requirement)
    {
        if (context.User.HasClaim(ScrapeTokenAuthenticationHandler.ScraperClaim, "true"))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        return base.HandleRequirementAsync(context, requirement);
    }
}
