using System.Globalization;
using HypermediaBpm.Server.Resources;

namespace HypermediaBpm.Server.Representations.Html;

/// <summary>
/// A template as an HTML <c>&lt;form&gt;</c>: <c>name</c> is the template name, <c>id</c> the template name on the
/// resource's own page (or <c>complete-&lt;taskId&gt;</c> for an embedded one); PUT and DELETE post a hidden
/// <c>_method</c>; every unsafe form carries the antiforgery token; each property is a labelled, typed input
/// whose error (after a rejected submission) is written right below it and tied to it with
/// <c>aria-describedby</c>.
/// </summary>
public static class HtmlForms
{
    /// <summary>The template property that holds BPMN XML: in HTML it also accepts an uploaded file.</summary>
    public const string BpmnXmlProperty = "bpmn_xml";

    /// <summary>The name of the file input that goes with <see cref="BpmnXmlProperty"/>.</summary>
    public const string BpmnFileField = "file";

    /// <summary>A form: the whole template with a heading (<paramref name="headingLevel"/>) or, for a template without properties, a single button.</summary>
    public static void Write(HtmlWriter html, Template template, string id, HtmlContext context, FormState? state = null, int headingLevel = 3)
    {
        var method = template.Method.ToUpperInvariant();
        var htmlMethod = method == "GET" ? "get" : "post";
        var hasFile = template.Properties.Any(p => p.Name == BpmnXmlProperty || p.Type == "file");
        var visible = template.Properties.Where(p => p.Type != "hidden").ToList();
        var title = template.Title ?? Words.Humanize(template.Name);
        var compact = visible.Count == 0 && state is null;
        var danger = method == "DELETE" || template.Name is "cancel" or "delete" or "resolve";
        var secondary = template.Name is "unclaim" or "update" or "search";

        html.Open("form",
            ("class", compact ? "template inline" : "template"),
            ("name", template.Name),
            ("id", id),
            ("method", htmlMethod),
            ("action", template.Target),
            ("enctype", hasFile && htmlMethod == "post" ? "multipart/form-data" : null),
            ("aria-labelledby", compact ? null : id + "-title")).Line();
        if (!compact)
        {
            html.Element("h" + headingLevel.ToString(CultureInfo.InvariantCulture), title, ("id", id + "-title")).Line();
        }

        if (method is not ("GET" or "POST"))
        {
            html.Void("input", ("type", "hidden"), ("name", "_method"), ("value", method)).Line();
        }

        if (method != "GET" && context.Antiforgery is { } token)
        {
            html.Void("input", ("type", "hidden"), ("name", token.FieldName), ("value", token.Value)).Line();
        }

        if (state is not null)
        {
            WriteUnplacedErrors(html, template, state);
        }

        foreach (var property in template.Properties)
        {
            WriteField(html, template, property, id, state);
        }

        html.Element("button", SubmitLabel(template), ("type", "submit"), ("class", danger ? "danger" : secondary ? "secondary" : null));
        html.Close("form").Line();
    }

    private static string SubmitLabel(Template template) => template.Name switch
    {
        "deploy" => "Deploy",
        "start" => "Start",
        "complete" => "Complete",
        "edit" => "Deploy new version",
        "claim" => "Claim",
        "unclaim" => "Give back",
        "update" => "Save draft",
        "retry" => "Retry",
        "resolve" => "Yes, give up on this step",
        "search" => "Search",
        _ => template.Title ?? Words.Humanize(template.Name),
    };

    private static void WriteUnplacedErrors(HtmlWriter html, Template template, FormState state)
    {
        var unplaced = state.Errors.Where(e => e.Field is null || template.Properties.All(p => p.Name != e.Field)).ToList();
        if (unplaced.Count == 0)
        {
            return;
        }

        html.Open("ul", ("class", "error-list")).Line();
        foreach (var error in unplaced)
        {
            html.Element("li", error.Message, ("class", "error"));
        }

        html.Close("ul").Line();
    }

    private static void WriteField(HtmlWriter html, Template template, TemplateProperty p, string formId, FormState? state)
    {
        var fieldId = formId + "-" + p.Name;
        // A password sent back with an error is never written into the page again.
        var value = p.Type == "password" ? null : state?.Values.GetValueOrDefault(p.Name) ?? p.Value;
        if (p.Type == "hidden")
        {
            html.Void("input", ("type", "hidden"), ("name", p.Name), ("value", value)).Line();
            return;
        }

        var errors = state?.Errors.Where(e => e.Field == p.Name).ToList() ?? [];
        var described = errors.Count > 0 ? fieldId + "-error" : null;
        var label = p.Prompt ?? Words.Humanize(p.Name);
        var isBpmn = p.Name == BpmnXmlProperty;
        var required = p.Required && !isBpmn && p.Type != "checkbox" ? string.Empty : null;
        var invalid = errors.Count > 0 ? "true" : null;
        var readOnly = p.ReadOnly ? string.Empty : null;

        html.Open("div", ("class", p.Type == "checkbox" ? "field checkbox" : "field"));
        if (p.Type == "checkbox")
        {
            var ticked = value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "on");
            html.Void("input", ("type", "checkbox"), ("id", fieldId), ("name", p.Name), ("value", "true"), ("checked", ticked ? string.Empty : null),
                ("disabled", readOnly), ("aria-invalid", invalid), ("aria-describedby", described));
            html.Text(" ").Element("label", label, ("for", fieldId));
        }
        else
        {
            html.Element("label", label + (required is not null ? " (required)" : string.Empty), ("for", fieldId));
            switch (p.Type)
            {
                case "select":
                    html.Open("select", ("id", fieldId), ("name", p.Name), ("required", required), ("disabled", readOnly), ("aria-invalid", invalid), ("aria-describedby", described));
                    if (!p.Required)
                    {
                        html.Element("option", "—", ("value", string.Empty));
                    }

                    foreach (var option in p.Options ?? [])
                    {
                        html.Element("option", option.Prompt, ("value", option.Value), ("selected", option.Value == value ? string.Empty : null));
                    }

                    html.Close("select");
                    break;
                case "textarea":
                    html.Open("textarea", ("id", fieldId), ("name", p.Name), ("rows", "10"), ("required", required), ("readonly", readOnly),
                        ("aria-invalid", invalid), ("aria-describedby", described)).Text(value).Close("textarea");
                    break;
                default:
                    html.Void("input", ("type", p.Type), ("id", fieldId), ("name", p.Name), ("value", value), ("required", required), ("readonly", readOnly),
                        ("pattern", p.Type == "number" ? null : HtmlPattern(p.Regex)), ("step", p.Type == "number" ? "1" : null), ("aria-invalid", invalid), ("aria-describedby", described));
                    break;
            }
        }

        foreach (var error in errors)
        {
            html.Element("p", error.Message, ("class", "error"), ("id", described));
            described = null;
        }

        html.Close("div").Line();
        if (isBpmn)
        {
            var fileId = formId + "-" + BpmnFileField;
            html.Open("div", ("class", "field"));
            html.Element("label", "… or upload a BPMN 2.0 file", ("for", fileId));
            html.Void("input", ("type", "file"), ("id", fileId), ("name", BpmnFileField), ("accept", ".bpmn,.bpmn20.xml,.xml,application/bpmn+xml,application/xml,text/xml"),
                ("aria-invalid", invalid));
            html.Element("p", "Paste the XML or choose a file; a pasted model wins.", ("class", "hint"));
            html.Close("div").Line();
        }
    }

    /// <summary>HTML <c>pattern</c> is anchored implicitly; the HAL-FORMS regex carries its own anchors.</summary>
    private static string? HtmlPattern(string? regex)
    {
        if (string.IsNullOrEmpty(regex))
        {
            return null;
        }

        var pattern = regex;
        if (pattern.StartsWith('^'))
        {
            pattern = pattern[1..];
        }

        if (pattern.EndsWith('$') && !pattern.EndsWith("\\$", StringComparison.Ordinal))
        {
            pattern = pattern[..^1];
        }

        return pattern;
    }
}

/// <summary>What a rejected submission puts back into its form: the values sent and the errors by field.</summary>
public sealed record FormState(IReadOnlyDictionary<string, string?> Values, IReadOnlyList<FormError> Errors);

/// <summary>One error of a rejected submission; <see cref="Field"/> null means it concerns the whole form.</summary>
public sealed record FormError(string? Field, string Message);
