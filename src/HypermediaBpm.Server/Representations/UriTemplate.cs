using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HypermediaBpm.Server.Representations;

/// <summary>
/// The RFC 6570 URI templates the server meets: its own templated links (a path followed by a form-style query
/// expansion, <c>{?a,b}</c>), split for HTML forms, and the service URLs of HTTP tasks, expanded: simple
/// <c>{var}</c>, reserved <c>{+var}</c> and form-style query <c>{?a,b}</c>.
/// </summary>
public static partial class UriTemplate
{
    /// <summary>The path before the <c>{?…}</c> expression and the variable names in it; no expression gives no names.</summary>
    public static (string Path, IReadOnlyList<string> Names) Split(string template)
    {
        var open = template.IndexOf("{?", StringComparison.Ordinal);
        var close = open < 0 ? -1 : template.IndexOf('}', open);
        if (open < 0 || close < 0)
        {
            return (template, []);
        }

        var names = template[(open + 2)..close].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (template[..open], names);
    }

    public static string Expand(string template, IReadOnlyDictionary<string, object?> variables) =>
        Expression().Replace(template, match =>
        {
            var op = match.Groups[1].Value;
            var names = match.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string? Value(string name) => variables.TryGetValue(name, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
            switch (op)
            {
                case "?":
                    var pairs = names.Select(n => (n, Value(n))).Where(p => p.Item2 is not null).Select(p => $"{p.n}={Uri.EscapeDataString(p.Item2!)}").ToList();
                    return pairs.Count == 0 ? string.Empty : "?" + string.Join("&", pairs);
                case "+":
                    return string.Join(",", names.Select(Value).Where(v => v is not null));
                default:
                    var builder = new StringBuilder();
                    foreach (var value in names.Select(Value).Where(v => v is not null))
                    {
                        builder.Append(builder.Length > 0 ? "," : string.Empty).Append(Uri.EscapeDataString(value!));
                    }

                    return builder.ToString();
            }
        });

    [GeneratedRegex(@"\{([?+]?)([A-Za-z0-9_.,]+)\}")]
    private static partial Regex Expression();
}
