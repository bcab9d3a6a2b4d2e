using HypermediaBpm.Engine.Expressions.Nodes;
using HypermediaBpm.Engine.Expressions.Runtime;

namespace HypermediaBpm.Engine.Expressions.Parsing;

/// <summary>
/// Recursive-descent parser for both dialects (one grammar per partial file). It reads tokens on demand, so a
/// JUEL part of a template stops exactly at its closing <c>}</c>. Nesting is bounded twice: the recursion of the
/// parser itself and the height of every node built, which is what keeps evaluation from recursing deeply.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _source;
    private readonly Tokenizer _tokenizer;
    private readonly List<Token> _lookahead = [];
    private readonly VariableNameCollector _names;
    private readonly int _maxDepth;
    private int _depth;

    private Parser(string source, int start, int end, bool feel, VariableNameCollector names, int maxDepth)
    {
        _source = source;
        _tokenizer = new Tokenizer(source, start, end, feel);
        _names = names;
        _maxDepth = maxDepth;
        Current = _tokenizer.Next();
    }

    private Token Current { get; set; }

    /// <summary>Parses FEEL text from <paramref name="start"/> to <paramref name="end"/>; it must all be used.</summary>
    public static ExpressionNode ParseFeel(string source, int start, int end, VariableNameCollector names, int maxDepth)
    {
        var parser = new Parser(source, start, end, feel: true, names, maxDepth);
        if (parser.Current.Kind == TokenKind.End)
        {
            throw parser.Error(parser.Current.Offset, "Expression is empty: expected an expression");
        }

        var node = parser.ParseFeelExpression();
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected(parser.Current.Is(")") || parser.Current.Is("]") || parser.Current.Is("}")
                ? "nothing opened it" : "expected an operator or the end of the expression");
        }

        return node;
    }

    /// <summary>Parses the JUEL expression after a <c>${</c> and returns it with the offset just past its <c>}</c>.</summary>
    public static (ExpressionNode Node, int End) ParseJuelPart(string source, int openOffset, int end, VariableNameCollector names, int maxDepth)
    {
        var parser = new Parser(source, openOffset + 2, end, feel: false, names, maxDepth);
        if (parser.Current.Is("}"))
        {
            throw parser.Error(parser.Current.Offset, $"Empty '{source.Substring(openOffset, 2)}}}': expected an expression");
        }

        var node = parser.ParseJuelExpression();
        if (parser.Current.Kind == TokenKind.End)
        {
            throw parser.Error(openOffset, $"Unclosed '{source.Substring(openOffset, 2)}': expected '}}' after the expression");
        }

        if (!parser.Current.Is("}"))
        {
            throw parser.Unexpected("expected an operator or '}'");
        }

        return (node, parser.Current.End);
    }

    /// <summary>Looks <paramref name="ahead"/> tokens past <see cref="Current"/> without consuming them.</summary>
    private Token Peek(int ahead)
    {
        if (ahead == 0)
        {
            return Current;
        }

        while (_lookahead.Count < ahead)
        {
            _lookahead.Add(_tokenizer.Next());
        }

        return _lookahead[ahead - 1];
    }

    private Token Advance()
    {
        var consumed = Current;
        if (_lookahead.Count > 0)
        {
            Current = _lookahead[0];
            _lookahead.RemoveAt(0);
        }
        else
        {
            Current = _tokenizer.Next();
        }

        return consumed;
    }

    private bool TryTake(string symbol)
    {
        if (!Current.Is(symbol))
        {
            return false;
        }

        Advance();
        return true;
    }

    private Token Expect(string symbol, string why)
    {
        return Current.Is(symbol) ? Advance() : throw Unexpected($"expected '{symbol}' {why}");
    }

    /// <summary>Counts one level of parser recursion; paired with <see cref="Leave"/>.</summary>
    private void Enter()
    {
        if (++_depth > _maxDepth)
        {
            throw Error(Current.Offset, $"Expression nests too deeply: more than {_maxDepth} levels");
        }
    }

    private void Leave() => _depth--;

    /// <summary>Every node goes through here so that no tree taller than the limit is ever built.</summary>
    private T Build<T>(T node) where T : ExpressionNode
    {
        return node.Depth > _maxDepth
            ? throw Error(node.Offset, $"Expression nests too deeply: more than {_maxDepth} levels")
            : node;
    }

    private VariableNode Variable(Token token, string name, Semantics semantics)
    {
        _names.Add(name);
        return Build(new VariableNode(token.Offset, name, semantics));
    }

    private ExpressionSyntaxException Unexpected(string expectation) =>
        Error(Current.Offset, Current.Kind == TokenKind.End
            ? $"Unexpected end of expression: {expectation}"
            : $"Unexpected {Current.Describe()}: {expectation}");

    private ExpressionSyntaxException Error(int offset, string problem) => new(_source, offset, problem);
}
