using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// Which template a browser's form post submitted and how to load the page it came from (set by the
/// controller as an <see cref="HttpContext"/> feature). When the post is rejected, the HTML error page loads
/// that page again and shows the form with what was sent and each error next to its field. Loaded only then:
/// a successful post costs nothing.
/// </summary>
public sealed record SubmittedForm(string TemplateName, Func<CancellationToken, Task<Resource>> LoadPage);
