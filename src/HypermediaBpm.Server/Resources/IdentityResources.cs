using System.Globalization;
using System.Security.Claims;
using System.Xml;
using HypermediaBpm.Engine.Persistence;
using HypermediaBpm.Server.Identity;
using HypermediaBpm.Server.Representations;

namespace HypermediaBpm.Server.Resources;

/// <summary>The login page, the signed-in user (<c>bpm:me</c>) and their API tokens (<c>bpm:tokens</c>) as resources.</summary>
public static class IdentityResources
{
    public static Resource LoginPage(string? returnUrl, string? userName = null)
    {
        var r = new Resource(ResourceKinds.Login, Identity.LoginPage.Href(returnUrl)) { Title = "Sign in" };
        r.Links.Add(new Link(Rels.Up, Uris.Root));
        r.Templates.Add(new Template
        {
            Name = "login",
            Method = "POST",
            Target = Uris.Login,
            ContentType = "application/x-www-form-urlencoded",
            Title = "Sign in",
            Properties =
            {
                new TemplateProperty("username", "User name", Required: true, Value: userName),
                new TemplateProperty("password", "Password", "password", Required: true),
                new TemplateProperty("returnUrl", Type: "hidden", Value: Identity.LoginPage.LocalOrRoot(returnUrl)),
            },
        });
        return r;
    }

    public static Resource Me(ClaimsPrincipal user)
    {
        var name = user.Identity!.Name!;
        var r = new Resource(ResourceKinds.Me, Uris.Me) { Title = name };
        r.Properties["name"] = name;
        r.Properties["groups"] = UserPrincipals.GroupsOf(user);
        r.Properties["signedInWith"] = user.Identity.AuthenticationType;
        r.Links.Add(new Link(Rels.Up, Uris.Root));
        r.Links.Add(new Link(Rels.Tasks, Uris.WithQuery(Uris.Tasks, ("assignee", name)), "My tasks"));
        FeedResources.LinkFeed(r, Uris.WithQuery(Uris.WorklistFeed, ("user", name)), "My worklist feed (Atom)");
        r.Links.Add(new Link(Rels.Tokens, Uris.MyTokens, "My API tokens"));
        if (user.Identity.AuthenticationType is AuthSchemes.Cookie or AuthSchemes.Basic or AuthSchemes.ApiToken)
        {
            r.Links.Add(new Link(Rels.DescribedBy, Uris.Participant(ParticipantKinds.User, name), "Me as a participant"));
            r.Templates.Add(new Template
            {
                Name = "change-password",
                Method = "POST",
                Target = Uris.MyPassword,
                Title = "Change my password",
                Properties =
                {
                    new TemplateProperty("currentPassword", "Current password", "password", Required: true),
                    new TemplateProperty("newPassword", "New password (8 characters or more)", "password", Required: true),
                },
            });
        }

        if (UserPrincipals.HasCookieSession(user))
        {
            r.Links.Add(new Link(Rels.Logout, Uris.Logout, "Sign out"));
            r.Templates.Add(LogoutTemplate());
        }

        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    public static Template LogoutTemplate() => new() { Name = "logout", Method = "POST", Target = Uris.Logout, Title = "Sign out" };

    public static Resource Tokens(IReadOnlyList<ApiTokenRecord> tokens, DateTimeOffset now, TimeSpan maxLifetime)
    {
        var r = new Resource(ResourceKinds.TokenCollection, Uris.MyTokens) { Title = "My API tokens" };
        r.Properties["total"] = tokens.Count;
        r.Links.Add(new Link(Rels.Up, Uris.Me));
        foreach (var token in tokens)
        {
            var item = Token(token, now);
            r.Links.Add(new Link(Rels.Item, item.SelfHref, token.Name));
            r.Embed(Rels.Item, item);
        }

        r.Templates.Add(new Template
        {
            Name = "create-token",
            Method = "POST",
            Target = Uris.MyTokens,
            Title = "Create a token",
            Properties =
            {
                new TemplateProperty("name", "What it is for", Required: true, Regex: "^.{1,100}$"),
                new TemplateProperty("expiresIn", $"Expires in (ISO 8601 duration, at most {XmlConvert.ToString(maxLifetime)})", Value: "P90D", Required: true),
            },
        });
        Variants.AddAlternates(r, "hal", "json");
        return r;
    }

    /// <summary>A token; <paramref name="secret"/> only in the answer to <c>create-token</c>, the one time it is shown.</summary>
    public static Resource Token(ApiTokenRecord token, DateTimeOffset now, string? secret = null)
    {
        var r = new Resource(ResourceKinds.Token, Uris.MyToken(token.Id))
        {
            Title = token.Name,
            Revision = (token.LastUsedAt ?? token.CreatedAt).UtcTicks.ToString(CultureInfo.InvariantCulture),
        };
        r.Properties["id"] = token.Id;
        r.Properties["name"] = token.Name;
        r.Properties["state"] = token.RevokedAt is not null ? "revoked" : token.ExpiresAt <= now ? "expired" : "active";
        r.Properties["createdAt"] = token.CreatedAt;
        r.Properties["expiresAt"] = token.ExpiresAt;
        r.Properties["lastUsedAt"] = token.LastUsedAt;
        if (secret is not null)
        {
            r.Properties["secret"] = secret;
            r.Properties["note"] = "Copy the secret now: it is shown this once. Send it as 'Authorization: Bearer <secret>'.";
        }

        r.Links.Add(new Link(Rels.Collection, Uris.MyTokens));
        r.Links.Add(new Link(Rels.Up, Uris.MyTokens));
        if (token.RevokedAt is null)
        {
            r.Templates.Add(new Template { Name = "revoke", Method = "DELETE", Target = r.SelfHref, Title = $"Revoke '{token.Name}'" });
        }

        return r;
    }
}
