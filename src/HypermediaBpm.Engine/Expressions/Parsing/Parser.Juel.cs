using HypermediaBpm.Engine.Expressions.Nodes;
using HypermediaBpm.Engine.Expressions.Runtime;

namespace HypermediaBpm.Engine.Expressions.Parsing;

/// <summary>JUEL (Unified EL) grammar, lowest precedence first: ?:, ||, &amp;&amp;, ==, &lt;, +, *, unary, . [].</summary>
internal sealed partial class Parser
{
    // EL reserved words; note that "continue" and friends are ordinary variable names in EL.
    private static readonly HashSet<string> JuelReserved = new(StringComparer.Ordinal)
    {
        "and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "true", "false", "null", "empty", "div", "mod", "instanceof",
    };

    private static JuelSemantics Juel => JuelSemantics.Instance;

    private ExpressionNode ParseJuelExpression()
    {
        Enter();
        var condition = ParseJuelOr();
        if (Current.Is("?"))
        {
            var question = Advance();
            var then = ParseJuelExpression();
            Expect(":", "to separate the two branches of '?'");
            var otherwise = ParseJuelExpression();
            condition = Build(new ConditionalNode(question.Offset, condition, then, otherwise, Juel));
        }

        Leave();
        return condition;
    }

    private ExpressionNode ParseJuelOr()
    {
        var left = ParseJuelAnd();
        while (Current.Is("||") || Current.IsWord("or"))
        {
            var op = Advance();
            left = Build(new OrNode(op.Offset, left, ParseJuelAnd(), Juel));
        }

        return left;
    }

    private ExpressionNode ParseJuelAnd()
    {
        var left = ParseJuelEquality();
        while (Current.Is("&&") || Current.IsWord("and"))
        {
            var op = Advance();
            left = Build(new AndNode(op.Offset, left, ParseJuelEquality(), Juel));
        }

        return left;
    }

    private ExpressionNode ParseJuelEquality()
    {
        var left = ParseJuelRelational();
        while (Current.Is("==") || Current.Is("!=") || Current.IsWord("eq") || Current.IsWord("ne"))
        {
            var op = Advance();
            var right = ParseJuelRelational();

            // Camunda evaluates "x == null" to true for a variable that does not exist.
            if (IsNullLiteral(right))
            {
                left = TolerateUnknown(left);
            }
            else if (IsNullLiteral(left))
            {
                right = TolerateUnknown(right);
            }

            left = Build(new EqualityNode(op.Offset, op.Text is "!=" or "ne", left, right, Juel));
        }

        return left;
    }

    private ExpressionNode ParseJuelRelational()
    {
        var left = ParseJuelAdditive();
        while (true)
        {
            ComparisonOperator? op = Current.Kind is TokenKind.Symbol or TokenKind.Identifier
                ? Current.Text switch
                {
                    "<" or "lt" => ComparisonOperator.Less,
                    "<=" or "le" => ComparisonOperator.LessOrEqual,
                    ">" or "gt" => ComparisonOperator.Greater,
                    ">=" or "ge" => ComparisonOperator.GreaterOrEqual,
                    _ => null,
                }
                : null;
            if (op is null)
            {
                return left;
            }

            var token = Advance();
            left = Build(new ComparisonNode(token.Offset, op.Value, left, ParseJuelAdditive(), Juel));
        }
    }

    private ExpressionNode ParseJuelAdditive()
    {
        var left = ParseJuelMultiplicative();
        while (Current.Is("+") || Current.Is("-"))
        {
            var op = Advance();
            var right = ParseJuelMultiplicative();
            left = Build(new ArithmeticNode(op.Offset, op.Text == "+" ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, left, right, Juel));
        }

        return left;
    }

    private ExpressionNode ParseJuelMultiplicative()
    {
        var left = ParseJuelUnary();
        while (true)
        {
            ArithmeticOperator? op = Current.Kind is TokenKind.Symbol or TokenKind.Identifier
                ? Current.Text switch
                {
                    "*" => ArithmeticOperator.Multiply,
                    "/" or "div" => ArithmeticOperator.Divide,
                    "%" or "mod" => ArithmeticOperator.Remainder,
                    _ => null,
                }
                : null;
            if (op is null)
            {
                return left;
            }

            var token = Advance();
            left = Build(new ArithmeticNode(token.Offset, op.Value, left, ParseJuelUnary(), Juel));
        }
    }

    private ExpressionNode ParseJuelUnary()
    {
        Enter();
        ExpressionNode node;
        if (Current.Is("-"))
        {
            var op = Advance();
            node = Build(new NegateNode(op.Offset, ParseJuelUnary(), Juel));
        }
        else if (Current.Is("!") || Current.IsWord("not"))
        {
            var op = Advance();
            node = Build(new NotNode(op.Offset, ParseJuelUnary(), Juel));
        }
        else if (Current.IsWord("empty"))
        {
            var op = Advance();
            node = Build(new EmptyNode(op.Offset, TolerateUnknown(ParseJuelUnary())));
        }
        else
        {
            node = ParseJuelPostfix(ParseJuelPrimary());
        }

        Leave();
        return node;
    }

    private ExpressionNode ParseJuelPostfix(ExpressionNode node)
    {
        while (true)
        {
            if (Current.Is("."))
            {
                var dot = Advance();
                if (Current.Kind != TokenKind.Identifier)
                {
                    throw Unexpected("expected a property name after '.'");
                }

                var name = Advance();
                node = Build(new MemberNode(dot.Offset, node, name.Text, Juel));
            }
            else if (Current.Is("["))
            {
                var bracket = Advance();
                var index = ParseJuelExpression();
                Expect("]", "to close '['");
                node = Build(new IndexNode(bracket.Offset, node, index));
            }
            else if (Current.Is("("))
            {
                throw Error(Current.Offset, "Unexpected '(': method and function calls are not supported in JUEL expressions");
            }
            else
            {
                return node;
            }
        }
    }

    /// <summary>Numbers, strings, <c>true</c>, <c>false</c> and <c>null</c>: the literals both dialects share.</summary>
    private bool TryParseLiteral(out ExpressionNode node)
    {
        var token = Current;
        object? value;
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String:
                value = token.Value;
                break;
            case TokenKind.Identifier when token.Text is "true" or "false":
                value = token.Text == "true";
                break;
            case TokenKind.Identifier when token.Text == "null":
                value = null;
                break;
            default:
                node = null!;
                return false;
        }

        Advance();
        node = Build(new LiteralNode(token.Offset, value));
        return true;
    }

    private ExpressionNode ParseJuelPrimary()
    {
        if (TryParseLiteral(out var literal))
        {
            return literal;
        }

        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Identifier when JuelReserved.Contains(token.Text):
                throw Unexpected($"'{token.Text}' is a reserved word, expected an operand");
            case TokenKind.Identifier:
                return ParseJuelVariable();
            case TokenKind.Symbol when token.Is("("):
                Advance();
                var inner = ParseJuelExpression();
                Expect(")", "to close '('");
                return inner;
            default:
                throw Unexpected("expected an operand");
        }
    }

    private ExpressionNode ParseJuelVariable()
    {
        var token = Advance();
        if (Current.Is("("))
        {
            throw Error(token.Offset, $"Function '{token.Text}' is not supported: JUEL expressions here cannot call functions or methods");
        }

        // bpmn-engine writes ${environment.variables.x}; read it as the variable x.
        if (token.Text == "environment" && Current.Is(".") && Peek(1).IsWord("variables") && Peek(2).Is(".") && Peek(3).Kind == TokenKind.Identifier)
        {
            Advance();
            Advance();
            Advance();
            var name = Advance();
            return Variable(name, name.Text, Juel);
        }

        return Variable(token, token.Text, Juel);
    }

    private static bool IsNullLiteral(ExpressionNode node) => node is LiteralNode { Value: null };

    /// <summary>Rebuilds a variable path so that its root evaluates to null when the variable does not exist.</summary>
    private static ExpressionNode TolerateUnknown(ExpressionNode node) => node switch
    {
        VariableNode variable => new VariableNode(variable.Offset, variable.Name, variable.Semantics, unknownIsNull: true),
        MemberNode member => new MemberNode(member.Offset, TolerateUnknown(member.Target), member.Name, member.Semantics),
        IndexNode index => new IndexNode(index.Offset, TolerateUnknown(index.Target), index.Index),
        _ => node,
    };
}
