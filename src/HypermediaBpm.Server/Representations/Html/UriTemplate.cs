namespace HypermediaBpm.Server.Representations.Html;

/// <summary>The one URI template form this server writes: a path followed by a form-style query expansion (<c>{?a,b}</c>, RFC 6570 §3.2.8).</summary>
public static class UriTemplate
{
    /// <summary>The path before the expression and the variable names in it; no expression gives no names.</summary>
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
}
