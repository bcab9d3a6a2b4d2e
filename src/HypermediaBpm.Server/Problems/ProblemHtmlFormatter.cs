using System.Text;
using HypermediaBpm.Server.Representations;
using HypermediaBpm.Server.Representations.Html;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Problems;

/// <summary>
/// The error page for browsers (<c>text/html</c> named in <c>Accept</c>): the problem's title and detail, what
/// to do about it, its code and context, and — when the request was a form post (<see cref="SubmittedForm"/>)
/// — the form again, filled in with what was sent and each error next to its field.
/// </summary>
public sealed class ProblemHtmlFormatter(ILogger<ProblemHtmlFormatter> logger) : IProblemFormatter
{
    /// <inheritdoc />
    public IReadOnlyList<string> AcceptedMediaTypes { get; } = [MediaTypes.Html, "application/xhtml+xml"];

    /// <inheritdoc />
    public string ContentType => MediaTypes.Html + "; charset=utf-8";

    /// <inheritdoc />
    public async Task WriteAsync(HttpContext context, ProblemDocument problem, CancellationToken cancellationToken)
    {
        var html = new HtmlWriter();
        HtmlLayout.Begin(html, problem.Title, []);
        html.Element("h1", problem.Title).Line();
        html.Open("div", ("class", "problem"), ("role", "alert"));
        html.Element("p", problem.Detail);
        html.Open("p").Element("strong", "What to do: ").Text(Advice(problem)).Close("p");
        html.Close("div").Line();

        var retried = await TryWriteFormAsync(html, context, problem, cancellationToken).ConfigureAwait(false);
        if (!retried && Errors(problem) is { Count: > 0 } errors)
        {
            html.Element("h2", "Problems").Open("ul").Line();
            foreach (var error in errors)
            {
                html.Element("li", error.Message, ("class", "error")).Line();
            }

            html.Close("ul").Line();
        }

        html.Element("h2", "Details").Line();
        html.Open("dl", ("class", "props"));
        html.Element("dt", "Status").Element("dd", problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        html.Element("dt", "Code").Open("dd").Element("code", problem.Code).Close("dd");
        foreach (var (name, value) in problem.Context.Where(p => p.Key != "errors"))
        {
            html.Element("dt", Words.Humanize(name)).Element("dd", HtmlPage.Display(value) ?? "—");
        }

        html.Close("dl").Line();
        html.Open("p").Element("a", "Home", ("href", Uris.Root)).Close("p").Line();
        HtmlLayout.End(html, []);
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(html.ToString()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rejected form, shown again; false when the request was no form post or its page cannot be loaded any more.</summary>
    private async Task<bool> TryWriteFormAsync(HtmlWriter html, HttpContext context, ProblemDocument problem, CancellationToken cancellationToken)
    {
        if (context.Features.Get<SubmittedForm>() is not { } submitted || !context.Request.HasFormContentType)
        {
            return false;
        }

        Resource page;
        try
        {
            page = await submitted.LoadPage(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The thing the form was about may be gone (a deleted process): the problem itself still shows.
            logger.LogDebug(ex, "The page of a rejected form could not be loaded again.");
            return false;
        }

        var template = page.Templates.FirstOrDefault(t => t.Name == submitted.TemplateName)
            ?? page.Embedded.Values.SelectMany(items => items).SelectMany(item => item.Templates).FirstOrDefault(t => t.Name == submitted.TemplateName && t.Target == context.Request.Path);
        if (template is null)
        {
            return false;
        }

        var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        var values = form.Where(f => !Inputs.RequestValues.IsPlumbing(f.Key))
            .ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        if (problem.Code == Engine.Errors.ModelTooLargeException.ErrorCode)
        {
            // There is nothing to correct line by line in a model refused for its size; echoing it would only make the page as large.
            values.Remove(HtmlForms.BpmnXmlProperty);
        }
        else if (template.Properties.Any(p => p.Name == HtmlForms.BpmnXmlProperty) && string.IsNullOrWhiteSpace(values.GetValueOrDefault(HtmlForms.BpmnXmlProperty))
            && form.Files.GetFile(HtmlForms.BpmnFileField) is { Length: > 0 and < 4_000_000 } file)
        {
            // The uploaded model goes into the text field, where the lines the errors name can be corrected; read as the
            // parser read it (its declared encoding), so the text shown is the text the errors are about.
            using var bytes = new MemoryStream((int)file.Length);
            await file.CopyToAsync(bytes, cancellationToken).ConfigureAwait(false);
            values[HtmlForms.BpmnXmlProperty] = Bpmn.Parsing.BpmnSource.FromBytes(bytes.ToArray()).Text;
        }

        var errors = Errors(problem);
        if (errors.Count == 0)
        {
            errors.Add(new FormError(null, problem.Detail));
        }

        var token = AntiforgeryField.For(context);
        html.Open("section", ("aria-labelledby", "retry-title")).Line();
        html.Open("h2", ("id", "retry-title")).Text("Try again: ").Element("a", page.Title ?? page.SelfHref, ("href", page.SelfHref)).Close("h2").Line();
        HtmlForms.Write(html, template, template.Name, new HtmlContext(token, DateTimeOffset.UtcNow), new FormState(values, errors));
        html.Close("section").Line();
        return true;
    }

    /// <summary>The problem's field errors (<c>context.errors</c>); BPMN problems, located by line and column, belong to the BPMN field.</summary>
    private static List<FormError> Errors(ProblemDocument problem)
    {
        var result = new List<FormError>();
        if (problem.Context.GetValueOrDefault("errors") is not IEnumerable<Dictionary<string, object?>> errors)
        {
            return result;
        }

        foreach (var error in errors)
        {
            var message = error.GetValueOrDefault("message") as string ?? problem.Detail;
            var field = error.GetValueOrDefault("field") as string;
            if (error.GetValueOrDefault("line") is { } line)
            {
                field ??= HtmlForms.BpmnXmlProperty;
                message += $" (line {line}, column {error.GetValueOrDefault("column") ?? "?"})";
            }

            result.Add(new FormError(field, message));
        }

        return result;
    }

    private static string Advice(ProblemDocument problem) => problem.Code switch
    {
        ProblemCodes.AntiforgeryInvalid => "The form was too old or did not come from one of this server's pages. Reload the page it was on and submit it again.",
        ProblemCodes.CrossSiteRequestRefused => "Another site tried to make this change through your browser, and it was not made. To make it yourself, open this server's own page and use its form.",
        ProblemCodes.HostNotAllowed => "This server does not answer to that name. Use the address it is published under; its administrator can add names with the AllowedHosts setting.",
        _ => problem.Status switch
        {
            400 or 422 => "Correct what is marked and send it again.",
            404 => "It may have been removed, or the link is wrong. Start again from the home page.",
            405 => "This address does not take that action. Use the forms on its page.",
            406 => "Ask for one of the available representations listed below.",
            409 => "It changed since the page was loaded, so this is no longer possible. Reload the page to see what can be done now.",
            412 => "Someone changed it since you loaded it. Reload the page and try again.",
            413 => "What was sent is too large. Send something smaller.",
            415 => "Send the data in one of the accepted formats listed below.",
            >= 500 => "The server failed to answer. Try again later; if it keeps failing, report the trace id below.",
            _ => "Go back and try again.",
        },
    };
}
