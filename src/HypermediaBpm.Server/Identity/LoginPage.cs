using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Identity;

/// <summary>Where the login page is and where it may send a user back to.</summary>
public static class LoginPage
{
    /// <summary>The login page that returns to <paramref name="returnUrl"/> (when local) after signing in.</summary>
    public static string Href(string? returnUrl) =>
        LocalOrRoot(returnUrl) is var local && local != Uris.Root ? Uris.WithQuery(Uris.Login, ("returnUrl", local)) : Uris.Login;

    /// <summary>
    /// <paramref name="returnUrl"/> when it is a path on this server (<c>/...</c>, not <c>//host</c> nor <c>/\host</c>,
    /// no scheme), else <c>/</c>: the login page never sends anyone to another site.
    /// </summary>
    public static string LocalOrRoot(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/' || returnUrl.Length > 2000)
        {
            return Uris.Root;
        }

        if (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\'))
        {
            return Uris.Root;
        }

        return returnUrl.Any(c => char.IsControl(c)) ? Uris.Root : returnUrl;
    }
}
