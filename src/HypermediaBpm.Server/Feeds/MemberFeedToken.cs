using System.Globalization;
using System.Text;
using HypermediaBpm.Engine.Persistence;

namespace HypermediaBpm.Server.Feeds;

/// <summary>
/// The <c>page</c> value of a member feed's links: the walk's snapshot and a position, opaque to readers. None (or
/// <c>1</c>) is the first page of a new walk, <c>last</c> the last page of a new walk; the rest come from
/// <c>next</c>/<c>previous</c>/<c>last</c> links, which carry the snapshot so a walk sees every member once.
/// </summary>
public sealed record MemberFeedToken(long? Snapshot, long? After, long? Before, bool Last)
{
    public static MemberFeedToken First { get; } = new(null, null, null, false);

    /// <summary>Whether this is the first page of a walk that starts now (the subscription document).</summary>
    public bool IsFirst => this == First;

    public static bool TryParse(string? value, out MemberFeedToken token)
    {
        token = First;
        if (string.IsNullOrEmpty(value) || value == "1")
        {
            return true;
        }

        if (value == "last")
        {
            token = new MemberFeedToken(null, null, null, true);
            return true;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/').PadRight((value.Length + 3) / 4 * 4, '='))).Split('.');
            if (parts.Length == 3 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var snapshot)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                token = parts[0] switch
                {
                    "a" => new MemberFeedToken(snapshot, position, null, false),
                    "b" => new MemberFeedToken(snapshot, null, position, false),
                    "l" => new MemberFeedToken(snapshot, null, null, true),
                    _ => First,
                };
                return parts[0] is "a" or "b" or "l";
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }

    /// <summary>The page after <paramref name="position"/> in the walk pinned to <paramref name="snapshot"/>.</summary>
    public static string AfterValue(long snapshot, long position) => Encode("a", snapshot, position);

    public static string BeforeValue(long snapshot, long position) => Encode("b", snapshot, position);

    public static string LastValue(long snapshot) => Encode("l", snapshot, 0);

    public MemberFeedQuery ToQuery(int size) => new(size, Snapshot, After, Before, Last);

    private static string Encode(string kind, long snapshot, long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{kind}.{snapshot}.{position}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
