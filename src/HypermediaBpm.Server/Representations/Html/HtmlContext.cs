namespace HypermediaBpm.Server.Representations.Html;

/// <summary>What a page needs besides the resource: the antiforgery token for its forms and the time now.</summary>
public sealed record HtmlContext(AntiforgeryField? Antiforgery, DateTimeOffset Now);

/// <summary>The hidden field every unsafe form carries.</summary>
public sealed record AntiforgeryField(string FieldName, string Value);
