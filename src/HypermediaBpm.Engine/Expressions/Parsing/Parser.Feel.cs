using HypermediaBpm.Engine.Expressions.Nodes;
using HypermediaBpm.Engine.Expressions.Runtime;

namespace HypermediaBpm.Engine.Expressions.Parsing;

/// <summary>
/// FEEL grammar (a subset of DMN 1.3 chapter 10), lowest precedence first: if-then-else, or, and, comparison /
/// between / in, + -, * /, **, unary minus, path and filter. Names may contain spaces (<c>Vacation Approval</c>,
/// <c>upper case(s)</c>): consecutive words that are not keywords form one name.
/// </summary>
internal sealed partial class Parser
{
    private static readonly HashSet<string> FeelKeywords = new(StringComparer.Ordinal)
    {
        "and", "or", "between", "in", "if", "then", "else", "for", "return", "some", "every", "satisfies",
        "instance", "of", "function", "true", "false", "null",
    };

    private static FeelSemantics Feel => FeelSemantics.Instance;

    private ExpressionNode ParseFeelExpression()
    {
        Enter();
        ExpressionNode node;
        if (Current.IsWord("if"))
        {
            var token = Advance();
            var condition = ParseFeelExpression();
            ExpectWord("then", "after the condition of 'if'");
            var then = ParseFeelExpression();
            ExpectWord("else", "after the 'then' branch");
            node = Build(new ConditionalNode(token.Offset, condition, then, ParseFeelExpression(), Feel));
        }
        else if (Current.Kind == TokenKind.Identifier && Current.Text is "for" or "some" or "every" or "function")
        {
            throw Error(Current.Offset, $"'{Current.Text}' expressions are not supported: use a script task for iteration");
        }
        else
        {
            node = ParseFeelOr();
        }

        Leave();
        return node;
    }

    private ExpressionNode ParseFeelOr()
    {
        var left = ParseFeelAnd();
        while (Current.IsWord("or"))
        {
            var op = Advance();
            left = Build(new OrNode(op.Offset, left, ParseFeelAnd(), Feel));
        }

        return left;
    }

    private ExpressionNode ParseFeelAnd()
    {
        var left = ParseFeelComparison();
        while (Current.IsWord("and"))
        {
            var op = Advance();
            left = Build(new AndNode(op.Offset, left, ParseFeelComparison(), Feel));
        }

        return left;
    }

    private ExpressionNode ParseFeelComparison()
    {
        var left = ParseFeelAdditive();
        var token = Current;
        if (token.Kind == TokenKind.Symbol && token.Text is "=" or "!=")
        {
            Advance();
            return Build(new EqualityNode(token.Offset, token.Text == "!=", left, ParseFeelAdditive(), Feel));
        }

        ComparisonOperator? op = token.Kind == TokenKind.Symbol
            ? token.Text switch
            {
                "<" => ComparisonOperator.Less,
                "<=" => ComparisonOperator.LessOrEqual,
                ">" => ComparisonOperator.Greater,
                ">=" => ComparisonOperator.GreaterOrEqual,
                _ => null,
            }
            : null;
        if (op is not null)
        {
            Advance();
            return Build(new ComparisonNode(token.Offset, op.Value, left, ParseFeelAdditive(), Feel));
        }

        if (token.IsWord("between"))
        {
            Advance();
            var low = ParseFeelAdditive();
            ExpectWord("and", "between the two bounds of 'between'");
            return Build(new BetweenNode(token.Offset, left, low, ParseFeelAdditive()));
        }

        if (token.IsWord("in"))
        {
            Advance();
            return Build(new InNode(token.Offset, left, ParseFeelInTarget()));
        }

        if (token.IsWord("instance"))
        {
            throw Error(token.Offset, "'instance of' is not supported");
        }

        return left;
    }

    /// <summary>
    /// The right side of <c>in</c>: a range <c>[1..5]</c> / <c>(0..1]</c>, a list <c>[1, 2]</c> / <c>(1, 2)</c>,
    /// or a value. The <c>]1..5[</c> spelling is not accepted: <c>5[</c> would read as a filter.
    /// </summary>
    private ExpressionNode ParseFeelInTarget()
    {
        if (!Current.Is("[") && !Current.Is("("))
        {
            return ParseFeelAdditive();
        }

        var open = Advance();
        if (open.Is("[") && TryTake("]"))
        {
            return Build(new ListNode(open.Offset, []));
        }

        var first = ParseFeelExpression();
        if (TryTake(".."))
        {
            var high = ParseFeelExpression();
            if (!Current.Is("]") && !Current.Is(")"))
            {
                throw Unexpected("expected ']' or ')' to close the range");
            }

            var close = Advance();
            return Build(new RangeNode(open.Offset, first, high, lowIncluded: open.Is("["), highIncluded: close.Is("]")));
        }

        var items = new List<ExpressionNode> { first };
        while (TryTake(","))
        {
            items.Add(ParseFeelExpression());
        }

        Expect(open.Is("[") ? "]" : ")", "to close the list after 'in'");
        return open.Is("(") && items.Count == 1 ? first : Build(new ListNode(open.Offset, items));
    }

    private ExpressionNode ParseFeelAdditive()
    {
        var left = ParseFeelMultiplicative();
        while (Current.Is("+") || Current.Is("-"))
        {
            var op = Advance();
            var right = ParseFeelMultiplicative();
            left = Build(new ArithmeticNode(op.Offset, op.Text == "+" ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, left, right, Feel));
        }

        return left;
    }

    private ExpressionNode ParseFeelMultiplicative()
    {
        var left = ParseFeelExponent();
        while (Current.Is("*") || Current.Is("/"))
        {
            var op = Advance();
            var right = ParseFeelExponent();
            left = Build(new ArithmeticNode(op.Offset, op.Text == "*" ? ArithmeticOperator.Multiply : ArithmeticOperator.Divide, left, right, Feel));
        }

        return left;
    }

    private ExpressionNode ParseFeelExponent()
    {
        var left = ParseFeelUnary();
        while (Current.Is("**"))
        {
            var op = Advance();
            left = Build(new ArithmeticNode(op.Offset, ArithmeticOperator.Power, left, ParseFeelUnary(), Feel));
        }

        return left;
    }

    private ExpressionNode ParseFeelUnary()
    {
        Enter();
        ExpressionNode node;
        if (Current.Is("-"))
        {
            var op = Advance();
            node = Build(new NegateNode(op.Offset, ParseFeelUnary(), Feel));
        }
        else
        {
            node = ParseFeelPostfix(ParseFeelPrimary());
        }

        Leave();
        return node;
    }

    private ExpressionNode ParseFeelPostfix(ExpressionNode node)
    {
        while (true)
        {
            if (Current.Is("."))
            {
                var dot = Advance();
                if (Current.Kind != TokenKind.Identifier)
                {
                    throw Unexpected("expected a name after '.'");
                }

                node = Build(new MemberNode(dot.Offset, node, Advance().Text, Feel));
            }
            else if (Current.Is("["))
            {
                var bracket = Advance();
                var filter = ParseFeelExpression();
                Expect("]", "to close '['");
                node = Build(new FilterNode(bracket.Offset, node, filter));
            }
            else if (Current.Is("("))
            {
                throw Unexpected("only built-in functions can be called");
            }
            else
            {
                return node;
            }
        }
    }
}
