using HypermediaBpm.Engine.Expressions.Nodes;
using HypermediaBpm.Engine.Expressions.Runtime;

namespace HypermediaBpm.Engine.Expressions.Parsing;

/// <summary>FEEL operands: literals, names, function calls, parentheses, list and context literals.</summary>
internal sealed partial class Parser
{
    private ExpressionNode ParseFeelPrimary()
    {
        if (TryParseLiteral(out var literal))
        {
            return literal;
        }

        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Identifier when FeelKeywords.Contains(token.Text):
                throw Unexpected($"'{token.Text}' is a keyword, expected an operand");
            case TokenKind.Identifier:
                return ParseFeelName();
            case TokenKind.Symbol when token.Is("("):
                Advance();
                var inner = ParseFeelExpression();
                Expect(")", "to close '('");
                return inner;
            case TokenKind.Symbol when token.Is("["):
                return ParseFeelList();
            case TokenKind.Symbol when token.Is("{"):
                return ParseFeelContext();
            default:
                throw Unexpected("expected an operand");
        }
    }

    private ExpressionNode ParseFeelName()
    {
        var first = Current;
        var name = ReadFeelWords();
        if (!Current.Is("("))
        {
            return Variable(first, name, Feel);
        }

        if (!FeelFunctions.TryGet(name, out var function))
        {
            throw Error(first.Offset, $"Unknown function '{name}'");
        }

        Advance();
        var arguments = new List<ExpressionNode>();
        if (!Current.Is(")"))
        {
            do
            {
                arguments.Add(ParseFeelExpression());
            }
            while (TryTake(","));
        }

        Expect(")", $"to close the arguments of {name}()");
        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            throw Error(first.Offset, $"Function '{name}' takes {function.DescribeArity()}, not {arguments.Count}");
        }

        return name == FeelFunctions.IsDefined
            ? Build(new IsDefinedNode(first.Offset, arguments[0]))
            : Build(new FunctionCallNode(first.Offset, function, arguments));
    }

    /// <summary>Reads one name made of consecutive non-keyword words: <c>Vacation Approval</c>, <c>upper case</c>.</summary>
    private string ReadFeelWords()
    {
        var words = new List<string> { Advance().Text };
        while (Current.Kind == TokenKind.Identifier && !FeelKeywords.Contains(Current.Text))
        {
            words.Add(Advance().Text);
        }

        return string.Join(' ', words);
    }

    private ExpressionNode ParseFeelList()
    {
        var open = Advance();
        var items = new List<ExpressionNode>();
        if (!Current.Is("]"))
        {
            do
            {
                items.Add(ParseFeelExpression());
                if (Current.Is(".."))
                {
                    throw Error(Current.Offset, "A range such as [1..5] can only be used after 'in'");
                }
            }
            while (TryTake(","));
        }

        Expect("]", "to close the list");
        return Build(new ListNode(open.Offset, items));
    }

    private ExpressionNode ParseFeelContext()
    {
        var open = Advance();
        var entries = new List<KeyValuePair<string, ExpressionNode>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (!Current.Is("}"))
        {
            do
            {
                var keyToken = Current;
                var key = keyToken.Kind switch
                {
                    TokenKind.String => (string)Advance().Value!,
                    TokenKind.Identifier => ReadFeelWords(),
                    _ => throw Unexpected("expected a key in the context"),
                };
                if (!keys.Add(key))
                {
                    throw Error(keyToken.Offset, $"Duplicate key '{key}' in the context");
                }

                Expect(":", $"after the key '{key}'");
                entries.Add(new(key, ParseFeelExpression()));
            }
            while (TryTake(","));
        }

        Expect("}", "to close the context");
        return Build(new ContextNode(open.Offset, entries));
    }

    private void ExpectWord(string word, string why)
    {
        if (!Current.IsWord(word))
        {
            throw Unexpected($"expected '{word}' {why}");
        }

        Advance();
    }
}
