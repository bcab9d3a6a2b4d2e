namespace HypermediaBpm.Engine.Variables;

/// <summary>The engine's bound on one variable (<see cref="EngineOptions.MaxVariableBytes"/>), applied where variables are written.</summary>
public sealed class VariableSizeLimit
{
    /// <summary>The bound when nothing else is configured (<c>Engine:MaxVariableBytes</c>): 1 MiB.</summary>
    public const long DefaultMaxBytes = 1024 * 1024;

    public VariableSizeLimit(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }

    /// <exception cref="VariableTooLargeException">The value is larger than <see cref="MaxBytes"/> as JSON.</exception>
    public void Check(string name, object? value)
    {
        if (VariableSize.Exceeds(value, MaxBytes))
        {
            throw new VariableTooLargeException(name, MaxBytes);
        }
    }

    /// <exception cref="VariableTooLargeException">One of the values is larger than <see cref="MaxBytes"/> as JSON.</exception>
    public void Check(IReadOnlyDictionary<string, object?> variables)
    {
        foreach (var (name, value) in variables)
        {
            Check(name, value);
        }
    }
}
