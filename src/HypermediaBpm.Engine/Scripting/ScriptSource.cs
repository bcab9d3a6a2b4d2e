using Acornima;
using Acornima.Ast;

namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// What the sandbox refuses in script text before it runs: bracket nesting deeper than
/// <see cref="ScriptSandbox.MaxNesting"/> (reported with its line and column) and BigInt literals. BigInt is left
/// out of the sandbox because multiplying huge BigInts runs inside .NET, where no time or statement limit reaches,
/// for minutes; a variable cannot hold one anyway.
/// </summary>
internal static class ScriptSource
{
    // Tolerant like the interpreter's own parse, so that text it would run does not fail this one for less.
    private static readonly ParserOptions Lenient = new() { Tolerant = true };

    /// <summary>The location of the first BigInt literal in <paramref name="program"/>, or null.</summary>
    public static SourceLocation? FindBigInt(Node program)
    {
        // Iterative: a tree as deep as the parser accepts must not exhaust this thread's stack.
        var pending = new Stack<Node>();
        pending.Push(program);
        while (pending.TryPop(out var node))
        {
            if (node is BigIntLiteral)
            {
                return node.Location;
            }

            foreach (var child in node.ChildNodes)
            {
                if (child is not null)
                {
                    pending.Push(child);
                }
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="text"/> (handed to eval or Function at run time) is refused, or null.</summary>
    public static string? WhyRefused(string text, string what)
    {
        if (SourceNesting.FindTooDeep(text, ScriptSandbox.MaxNesting) is not null)
        {
            return $"Text passed to {what} nests brackets more than {ScriptSandbox.MaxNesting} levels deep";
        }

        Script parsed;
        try
        {
            parsed = new Parser(Lenient).ParseScript(text);
        }
        catch (ParseErrorException e)
        {
            // Refused rather than waved through: this parse accepts everything the interpreter's does.
            return $"Text passed to {what} is not valid JavaScript: {e.Description}";
        }

        return FindBigInt(parsed) is not null ? $"Text passed to {what} uses BigInt, which script tasks do not offer" : null;
    }
}
