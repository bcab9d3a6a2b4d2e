using System.Text;
using HypermediaBpm.Engine.Expressions.Nodes;

namespace HypermediaBpm.Engine.Expressions.Parsing;

/// <summary>
/// JUEL composite expressions: text with <c>${...}</c> or <c>#{...}</c> parts. <c>\${</c> writes a literal
/// <c>${</c>. A text that is nothing but one part yields that part's value itself rather than a string.
/// </summary>
internal static class TemplateParser
{
    /// <summary>Whether the text contains <c>${</c> or <c>#{</c>, which makes it JUEL.</summary>
    public static bool HasJuelPart(string text) =>
        text.Contains("${", StringComparison.Ordinal) || text.Contains("#{", StringComparison.Ordinal);

    public static ExpressionNode Parse(string source, int start, int end, VariableNameCollector names, int maxDepth)
    {
        var parts = new List<ExpressionNode>();
        var text = new StringBuilder();
        var textStart = start;
        var hasText = false;
        var position = start;
        while (position < end)
        {
            var c = source[position];
            hasText |= !IsOpening(source, position, end);
            if (c == '\\' && IsOpening(source, position + 1, end))
            {
                text.Append(source, position + 1, 2);
                position += 3;
                continue;
            }

            if (!IsOpening(source, position, end))
            {
                text.Append(c);
                position++;
                continue;
            }

            if (text.Length > 0)
            {
                parts.Add(new LiteralNode(textStart, text.ToString()));
                text.Clear();
            }

            (var node, position) = Parser.ParseJuelPart(source, position, end, names, maxDepth);
            parts.Add(node);
            textStart = position;
        }

        if (text.Length > 0)
        {
            parts.Add(new LiteralNode(textStart, text.ToString()));
        }

        return parts switch
        {
            [] => new LiteralNode(start, string.Empty),
            [var only] when !hasText => only,
            _ => new TemplateNode(start, parts),
        };
    }

    private static bool IsOpening(string source, int position, int end) =>
        position + 1 < end && source[position] is '$' or '#' && source[position + 1] == '{';
}
