using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HypermediaBpm.Server.Integration;

/// <summary>RFC 6570 expansion of the forms a service URL needs: simple <c>{var}</c>, reserved <c>{+var}</c> and form-style query <c>{?a,b}</c>.</summary>
public static partial class UriTemplate
{
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
