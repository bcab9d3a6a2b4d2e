using HypermediaBpm.Engine.Errors;

namespace HypermediaBpm.Engine.Expressions;

/// <summary>
/// An expression could not be compiled. Raised at deployment time so that a model with a broken condition is
/// refused before it runs; <see cref="Line"/> and <see cref="Column"/> point into the expression text.
/// </summary>
public sealed class ExpressionSyntaxException : EngineException
{
    internal ExpressionSyntaxException(string source, int offset, string problem)
        : this(source, offset, Locate(source, offset), problem)
    {
    }

    private ExpressionSyntaxException(string source, int offset, (int Line, int Column) at, string problem)
        : base("EXPRESSION_SYNTAX", Describe(source, at, problem), new Dictionary<string, object?>
        {
            ["expression"] = source,
            ["offset"] = offset,
            ["line"] = at.Line,
            ["column"] = at.Column,
        })
    {
        Expression = source;
        Offset = offset;
        Line = at.Line;
        Column = at.Column;
        Problem = problem;
    }

    /// <summary>The expression text as given to the compiler.</summary>
    public string Expression { get; }

    /// <summary>0-based character index of the problem in <see cref="Expression"/>.</summary>
    public int Offset { get; }

    /// <summary>1-based line of the problem within the expression text.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem within its line.</summary>
    public int Column { get; }

    /// <summary>The problem without its position, e.g. "Unexpected ')': expected an operand".</summary>
    public string Problem { get; }

    private static (int Line, int Column) Locate(string source, int offset)
    {
        offset = Math.Clamp(offset, 0, source.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    // The position goes right after the subject of the sentence ("Unexpected ')' at column 14: expected ...").
    private static string Describe(string source, (int Line, int Column) at, string problem)
    {
        var where = source.Contains('\n') ? $"at line {at.Line}, column {at.Column}" : $"at column {at.Column}";
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? $"{problem} {where}" : $"{problem[..colon]} {where}{problem[colon..]}";
    }
}
