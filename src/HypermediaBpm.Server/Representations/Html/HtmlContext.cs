using Microsoft.AspNetCore.Antiforgery;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// What a page needs besides the resource: the antiforgery token for its forms, the time now, and who is signed in
/// (the navigation offers the operations view only to those who may open it).
/// </summary>
public sealed record HtmlContext(AntiforgeryField? Antiforgery, DateTimeOffset Now, HtmlUser? User = null);

/// <summary>The signed-in user as the page frame shows them: their name, and whether the operations view is theirs.</summary>
public sealed record HtmlUser(string Name, bool MayOperate);

/// <summary>The hidden field every unsafe form carries.</summary>
public sealed record AntiforgeryField(string FieldName, string Value)
{
    /// <summary>
    /// The token pair for this browser: stores the cookie half (and marks the response no-store, since a page holding
    /// a token is for this browser only) and returns the form half; null when antiforgery is not set up.
    /// </summary>
    public static AntiforgeryField? For(HttpContext http) =>
        http.RequestServices.GetService<IAntiforgery>()?.GetAndStoreTokens(http) is { RequestToken: { } value } tokens
            ? new AntiforgeryField(tokens.FormFieldName, value)
            : null;
}
