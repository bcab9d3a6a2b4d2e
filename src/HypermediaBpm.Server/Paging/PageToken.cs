using System.Globalization;
using System.Text;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Paging;

/// <summary>
/// The opaque value of the <c>page</c> query parameter: a keyset position plus the page's number (for the
/// <c>page</c>/<c>totalPages</c> fields). <c>page=1</c> (or none) is the first page, <c>page=last</c> the last;
/// links carry the rest. A bare number other than 1 is refused: deep pages are reached by links, never by OFFSET.
/// </summary>
public sealed record PageToken(int Number, string? After, string? Before, bool Last)
{
    public static PageToken First { get; } = new(1, null, null, false);

    public static bool TryParse(string? value, out PageToken token)
    {
        token = First;
        if (string.IsNullOrEmpty(value) || value == "1")
        {
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

    public PageRequest ToRequest(int size) => new(size, After, Before, Last);

    private static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
