using HypermediaBpm.Engine.Expressions.Nodes;
using HypermediaBpm.Engine.Expressions.Parsing;

namespace HypermediaBpm.Engine.Expressions;

/// <summary>
/// Compiles expression text into a <see cref="CompiledExpression"/>, recognizing the dialect from the text:
/// <c>${...}</c>/<c>#{...}</c> (and templates containing them) are JUEL; text starting with <c>=</c>, and any
/// other text, is FEEL. Source length and nesting are bounded so hostile input cannot exhaust the stack.
/// </summary>
public static class ExpressionCompiler
{
    /// <summary>Longest accepted expression text, in characters.</summary>
    public const int MaxSourceLength = 10_000;

    /// <summary>Deepest accepted nesting of parentheses, operators and operands.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Compiles a condition or value expression. Surrounding whitespace is ignored, so a condition
    /// indented inside BPMN XML still counts as a single <c>${...}</c> that yields a boolean.
    /// </summary>
    /// <exception cref="ExpressionSyntaxException">The text is empty, too long, too deep, or not valid.</exception>
    public static CompiledExpression Compile(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        CheckLength(source);
        var start = 0;
        var end = source.Length;
        while (start < end && char.IsWhiteSpace(source[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(source[end - 1]))
        {
            end--;
        }

        if (start == end)
        {
            throw new ExpressionSyntaxException(source, start, "Expression is empty: expected an expression");
        }

        var names = new VariableNameCollector();
        if (source[start] == '=')
        {
            var feel = Parser.ParseFeel(source, start + 1, end, names, MaxDepth);
            return new CompiledExpression(source, ExpressionDialect.Feel, feel, names.ToCollection());
        }

        if (TemplateParser.HasJuelPart(source))
        {
            var juel = TemplateParser.Parse(source, start, end, names, MaxDepth);
            return new CompiledExpression(source, ExpressionDialect.Juel, juel, names.ToCollection());
        }

        var bare = Parser.ParseFeel(source, start, end, names, MaxDepth);
        return new CompiledExpression(source, ExpressionDialect.Feel, bare, names.ToCollection());
    }

    /// <summary>Like <see cref="Compile"/>, reporting a syntax error instead of throwing it.</summary>
    public static bool TryCompile(string source, out CompiledExpression? expression, out ExpressionSyntaxException? error)
    {
        try
        {
            expression = Compile(source);
            error = null;
            return true;
        }
        catch (ExpressionSyntaxException e)
        {
            expression = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// Compiles a text attribute that may hold an expression: assignees, form defaults, script results.
    /// Text with <c>${...}</c> parts is a JUEL template (whitespace kept); text starting with <c>=</c> is FEEL;
    /// anything else is returned as the literal string (<see cref="ExpressionDialect.Literal"/>).
    /// </summary>
    /// <exception cref="ExpressionSyntaxException">The text is too long or an embedded expression is invalid.</exception>
    public static CompiledExpression CompileTemplate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckLength(text);
        var names = new VariableNameCollector();
        if (TemplateParser.HasJuelPart(text))
        {
            var template = TemplateParser.Parse(text, 0, text.Length, names, MaxDepth);
            return new CompiledExpression(text, ExpressionDialect.Juel, template, names.ToCollection());
        }

        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('='))
        {
            var feel = Parser.ParseFeel(text, text.Length - trimmed.Length + 1, text.TrimEnd().Length, names, MaxDepth);
            return new CompiledExpression(text, ExpressionDialect.Feel, feel, names.ToCollection());
        }

        return new CompiledExpression(text, ExpressionDialect.Literal, new LiteralNode(0, text), []);
    }

    private static void CheckLength(string source)
    {
        if (source.Length > MaxSourceLength)
        {
            throw new ExpressionSyntaxException(source, MaxSourceLength,
                $"Expression is too long: {source.Length} characters, at most {MaxSourceLength} are accepted");
        }
    }
}
