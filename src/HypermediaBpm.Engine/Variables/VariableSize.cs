using System.Buffers;
using System.Text.Json;

namespace HypermediaBpm.Engine.Variables;

/// <summary>
/// Measures a variable the way the store keeps it: the length of its JSON (as <see cref="VariableJson.Write"/>
/// writes it, in UTF-8). Measuring stops as soon as the limit is passed, so a 64 MiB value costs no more than one
/// just over the limit.
/// </summary>
public static class VariableSize
{
    /// <summary>Whether <paramref name="value"/> takes more than <paramref name="maxBytes"/> bytes as JSON.</summary>
    public static bool Exceeds(object? value, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);

        // Each character is at least one byte: a cheap lower bound rules out huge values before any serializing,
        // and bounds what serializing may cost (an escaped character is at most six bytes) for the rest.
        var floor = 0L;
        if (!FloorFits(value, maxBytes, ref floor))
        {
            return true;
        }

        var counter = new CountingWriter(maxBytes);
        try
        {
            using var writer = new Utf8JsonWriter(counter, new JsonWriterOptions { SkipValidation = true });
            VariableJson.Write(writer, value);
        }
        catch (CountingWriter.LimitPassedException)
        {
            return true;
        }

        return counter.Written > maxBytes;
    }

    private static bool FloorFits(object? value, long maxBytes, ref long floor)
    {
        switch (value)
        {
            case string s:
                floor += s.Length + 2;
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                floor += 1; // '{', and per member a comma or the closing '}'
                foreach (var (key, item) in map)
                {
                    floor += key.Length + 4;
                    if (floor > maxBytes || !FloorFits(item, maxBytes, ref floor))
                    {
                        return false;
                    }
                }

                break;
            case System.Collections.IEnumerable list:
                floor += 1; // '[', and per item a comma or the closing ']'
                foreach (var item in list)
                {
                    floor += 1;
                    if (floor > maxBytes || !FloorFits(item, maxBytes, ref floor))
                    {
                        return false;
                    }
                }

                break;
            default:
                floor += 1;
                break;
        }

        return floor <= maxBytes;
    }

    /// <summary>Counts what the JSON writer hands over, into one reused scratch buffer, and stops past the limit.</summary>
    private sealed class CountingWriter(long maxBytes) : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[4096];

        public long Written { get; private set; }

        public void Advance(int count)
        {
            Written += count;
            if (Written > maxBytes)
            {
                throw new LimitPassedException();
            }
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

        private byte[] Scratch(int sizeHint)
        {
            if (sizeHint > _scratch.Length)
            {
                _scratch = new byte[sizeHint];
            }

            return _scratch;
        }

        public sealed class LimitPassedException : Exception;
    }
}
