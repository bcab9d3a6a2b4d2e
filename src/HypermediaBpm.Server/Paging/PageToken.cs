using System.Globalization;
using System.Text;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Paging;

/// <summary>
/// The value of the <c>page</c> query parameter: a keyset position plus the page's number (for the
/// <c>page</c>/<c>totalPages</c> fields). <c>page=1</c> (or none) is the first page, <c>page=last</c> the last, and
/// <c>page=N</c> the N-th page, as the process-definition API's clients ask for it; the links carry keyset positions,
/// which cost one index seek however deep. A numbered page skips rows, so it may reach no further than
/// <see cref="MaxNumberedRows"/> rows into the collection.
/// </summary>
public sealed record PageToken(int Number, string? After, string? Before, bool Last)
{
    /// <summary>How many rows a numbered page may pass over; deeper pages are reached by the <c>next</c>/<c>last</c> links.</summary>
    public const int MaxNumberedRows = 100_000;

    /// <summary>A page asked for by its number (not a keyset position from a link).</summary>
    public bool Numbered => !Last && After is null && Before is null && Number > 1;

    public static PageToken First { get; } = new(1, null, null, false);

    public static bool TryParse(string? value, out PageToken token)
    {
        token = First;
        if (string.IsNullOrEmpty(value) || value == "1")
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var numbered) && numbered > 0)
        {
            token = new PageToken(numbered, null, null, false);
            return true;
        }

        if (value == "last")
        {
            token = new PageToken(0, null, null, true);
            return true;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/').PadRight((value.Length + 3) / 4 * 4, '=')));
            var parts = text.Split('|', 3);
            if (parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                token = parts[1] switch
                {
                    "a" => new PageToken(n, parts[2], null, false),
                    "b" => new PageToken(n, null, parts[2], false),
                    _ => First,
                };
                return parts[1] is "a" or "b";
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }

    public static string AfterKey(int number, string key) => Encode($"{number}|a|{key}");

    public static string BeforeKey(int number, string key) => Encode($"{number}|b|{key}");

    public PageRequest ToRequest(int size) => new(size, After, Before, Last) { Skip = Numbered ? (int)Math.Min(int.MaxValue, (long)(Number - 1) * size) : 0 };

    private static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
