using System.Globalization;
using System.Text;

namespace HypermediaBpm.Engine.Expressions.Parsing;

/// <summary>
/// Splits expression text into tokens on demand, from a start offset up to an end offset of the whole source,
/// so every token and error keeps its position in the text the user wrote. The two dialects share the lexical
/// rules except for their operator sets; common mix-ups (<c>=</c> in JUEL, <c>&amp;&amp;</c> in FEEL) get a hint.
/// </summary>
internal sealed class Tokenizer(string source, int position, int end, bool feel)
{
    private static readonly string[] JuelSymbols = ["==", "!=", "<=", ">=", "&&", "||", "!", "<", ">", "+", "-", "*", "/", "%", "?", ":", ".", "[", "]", "(", ")", ",", "{", "}"];
    private static readonly string[] FeelSymbols = ["**", "..", "!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", ".", "[", "]", "(", ")", "{", "}", ",", ":"];

    private int _position = position;

    public Token Next()
    {
        while (_position < end && char.IsWhiteSpace(source[_position]))
        {
            _position++;
        }

        if (_position >= end)
        {
            return new Token(TokenKind.End, string.Empty, end, 0);
        }

        var c = source[_position];
        if (char.IsLetter(c) || c == '_')
        {
            return ReadIdentifier();
        }

        if (char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        if (c is '"' or '\'')
        {
            return ReadString(c);
        }

        return ReadSymbol();
    }

    private Token ReadIdentifier()
    {
        var start = _position;
        while (_position < end && (char.IsLetterOrDigit(source[_position]) || source[_position] == '_'))
        {
            _position++;
        }

        return new Token(TokenKind.Identifier, source[start.._position], start, _position - start);
    }

    private Token ReadNumber()
    {
        var start = _position;
        SkipDigits();
        var isDecimal = false;

        // "1..5" is a FEEL range, not the decimal "1." followed by ".5".
        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            isDecimal = true;
            _position++;
            SkipDigits();
        }

        if (Peek(0) is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2))))
        {
            isDecimal = true;
            _position += 2;
            SkipDigits();
        }

        var text = source[start.._position];
        object value = !isDecimal && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer)
            ? (object)integer
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (value is double d && !double.IsFinite(d))
        {
            throw Error(start, $"Number '{text}' is too large");
        }

        return new Token(TokenKind.Number, text, start, _position - start, value);
    }

    private Token ReadString(char quote)
    {
        var start = _position++;
        var text = new StringBuilder();
        while (_position < end && source[_position] != quote)
        {
            var c = source[_position++];
            if (c != '\\' || _position >= end)
            {
                text.Append(c);
                continue;
            }

            var escaped = source[_position++];
            switch (escaped)
            {
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                case 'u' when _position + 4 <= end && ushort.TryParse(source.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    _position += 4;
                    break;
                case '"' or '\'' or '\\' or '/': text.Append(escaped); break;

                // An unknown escape keeps its backslash, so Windows paths such as 'C:\temp' survive.
                default: text.Append('\\').Append(escaped); break;
            }
        }

        if (_position >= end)
        {
            throw Error(start, "Unterminated string: expected a closing " + quote);
        }

        _position++;
        return new Token(TokenKind.String, source[start.._position], start, _position - start, text.ToString());
    }

    private Token ReadSymbol()
    {
        var start = _position;
        foreach (var symbol in feel ? FeelSymbols : JuelSymbols)
        {
            if (string.CompareOrdinal(source, start, symbol, 0, symbol.Length) == 0 && start + symbol.Length <= end)
            {
                var hint = Misuse(symbol);
                if (hint is not null)
                {
                    throw Error(start, hint);
                }

                _position += symbol.Length;
                return new Token(TokenKind.Symbol, symbol, start, symbol.Length);
            }
        }

        throw Error(start, Misuse(source[start].ToString()) ?? $"Unexpected character '{source[start]}'");
    }

    private string? Misuse(string symbol) => (feel, symbol) switch
    {
        (false, "=") => "Unexpected '=': JUEL compares with '==' (or 'eq')",
        (false, "&") => "Unexpected '&': JUEL uses '&&' (or 'and')",
        (false, "|") => "Unexpected '|': JUEL uses '||' (or 'or')",
        (true, "=") when Peek(1) == '=' => "Unexpected '==': FEEL compares with a single '='",
        (true, "&") => "Unexpected '&': FEEL uses 'and'",
        (true, "|") => "Unexpected '|': FEEL uses 'or'",
        (true, "!") => "Unexpected '!': FEEL negates with not(...)",
        (true, "%") => "Unexpected '%': FEEL has no '%' operator, use modulo(a, b)",
        (true, "?") => "Unexpected '?': FEEL uses 'if ... then ... else ...'",
        _ => null,
    };

    private char Peek(int ahead) => _position + ahead < end ? source[_position + ahead] : '\0';

    private void SkipDigits()
    {
        while (_position < end && char.IsAsciiDigit(source[_position]))
        {
            _position++;
        }
    }

    private ExpressionSyntaxException Error(int offset, string problem) => new(source, offset, problem);
}
