namespace HypermediaBpm.Engine.Expressions.Parsing;

internal enum TokenKind
{
    End,
    Identifier,
    Number,
    String,
    Symbol,
}

/// <summary>One token; <see cref="Value"/> holds the parsed number or the unescaped string.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Offset, int Length, object? Value = null)
{
    public int End => Offset + Length;

    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    public bool IsWord(string word) => Kind == TokenKind.Identifier && Text == word;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.String => $"string {Text}",
        _ => $"'{Text}'",
    };
}
