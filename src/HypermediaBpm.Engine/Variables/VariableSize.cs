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

        // A scalar's JSON is at most a few dozen bytes, and a string's at most six bytes a character (\uXXXX) plus
        // its quotes: when that ceiling fits, nothing needs serializing (the common case: every start's variables).
        if (CeilingFits(value, maxBytes))
        {
            return false;
        }

        // One counter and one JSON writer per thread, reset for each value: measuring allocates nothing.
        var (counter, writer) = t_measure ??= NewMeasure();
        counter.Reset(maxBytes);
        writer.Reset(counter);
        try
        {
            VariableJson.Write(writer, value);
            writer.Flush();
        }
        catch (CountingWriter.LimitPassedException)
        {
            return true;
        }
        finally
        {
            writer.Reset(counter);
        }

        return counter.Written > maxBytes;
    }

    /// <summary>The longest JSON a scalar can take: a double's round-trip form, a decimal's digits, with room to spare.</summary>
    private const int ScalarCeiling = 64;

    [ThreadStatic]
    private static (CountingWriter Counter, Utf8JsonWriter Writer)? t_measure;

    private static (CountingWriter, Utf8JsonWriter) NewMeasure()
    {
        var counter = new CountingWriter();
        return (counter, new Utf8JsonWriter(counter, new JsonWriterOptions { SkipValidation = true }));
    }

    private static bool CeilingFits(object? value, long maxBytes) => value switch
    {
        null or bool or long or int or double or decimal => maxBytes >= ScalarCeiling,
        string s => (s.Length * 6L) + 2 <= maxBytes,
        _ => false,
    };

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
    private sealed class CountingWriter : IBufferWriter<byte>
    {
        private byte[] _scratch = new byte[4096];
        private long _maxBytes;

        public long Written { get; private set; }

        public void Reset(long limit)
        {
            _maxBytes = limit;
            Written = 0;

            // A long string may have grown the scratch buffer; the thread does not keep that much for later values.
            if (_scratch.Length > 64 * 1024)
            {
                _scratch = new byte[4096];
            }
        }

        public void Advance(int count)
        {
            Written += count;
            if (Written > _maxBytes)
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
