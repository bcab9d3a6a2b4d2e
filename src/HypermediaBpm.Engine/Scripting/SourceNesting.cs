namespace HypermediaBpm.Engine.Scripting;

/// <summary>
/// Finds bracket nesting deeper than a limit in JavaScript (or JSON) text before the interpreter sees it. Jint 4's
/// parser and interpreter recurse once per level and stop, catchably, only when the thread's stack runs low; this
/// linear scan refuses deep nesting first, at a fixed depth whatever the thread, and says where (line and column).
/// Strings and comments are skipped; regular expression literals are recognized by the usual "a slash where an
/// operand may start" rule, which is good enough for a limit far above real scripts.
/// </summary>
internal static class SourceNesting
{
    /// <summary>The offset of the first bracket that opens level <paramref name="limit"/> + 1, or null.</summary>
    public static int? FindTooDeep(string source, int limit)
    {
        var depth = 0;
        var operandMayStart = true;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            switch (c)
            {
                case '(' or '[' or '{':
                    if (++depth > limit)
                    {
                        return i;
                    }

                    operandMayStart = true;
                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    operandMayStart = c == '}';
                    break;
                case '"' or '\'':
                    i = SkipQuoted(source, i, c);
                    operandMayStart = false;
                    break;
                case '/' when i + 1 < source.Length && source[i + 1] == '/':
                    i = source.IndexOf('\n', i) is var newline and >= 0 ? newline : source.Length;
                    break;
                case '/' when i + 1 < source.Length && source[i + 1] == '*':
                    i = source.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 1 : source.Length;
                    break;
                case '/' when operandMayStart:
                    i = SkipRegex(source, i);
                    operandMayStart = false;
                    break;
                default:
                    if (!char.IsWhiteSpace(c))
                    {
                        operandMayStart = !(char.IsLetterOrDigit(c) || c is '_' or '$' or '.');
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>1-based line and column of an offset, as the script's author counts them.</summary>
    public static (int Line, int Column) Locate(string source, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    private static int SkipQuoted(string source, int start, char quote)
    {
        for (var i = start + 1; i < source.Length; i++)
        {
            if (source[i] == '\\')
            {
                i++;
            }
            else if (source[i] == quote || source[i] == '\n')
            {
                return i;
            }
        }

        return source.Length;
    }

    private static int SkipRegex(string source, int start)
    {
        var inClass = false;
        for (var i = start + 1; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    inClass = true;
                    break;
                case ']':
                    inClass = false;
                    break;
                case '/' when !inClass:
                case '\n':
                    return i;
            }
        }

        return source.Length;
    }
}
