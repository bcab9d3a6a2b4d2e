namespace HypermediaBpm.Server.Identity;

/// <summary>The authentication schemes and the one policy that picks among them per request.</summary>
public static class AuthSchemes
{
    /// <summary>The default scheme: forwards to the one the request's credentials name.</summary>
    public const string Default = "HypermediaBpm";
    public const string Basic = "Basic";
    public const string ApiToken = "ApiToken";
    public const string Cookie = "Cookie";
    public const string Jwt = "Jwt";

    public const string Realm = "HypermediaBpm";

    /// <summary>What a <c>401</c> offers (contract §9).</summary>
    public const string Challenge = "Basic realm=\"" + Realm + "\", Bearer";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "hbpm-session";
}
