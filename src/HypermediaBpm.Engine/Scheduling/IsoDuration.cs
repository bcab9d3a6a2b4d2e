using System.Globalization;
using System.Text.RegularExpressions;

namespace HypermediaBpm.Engine.Scheduling;

/// <summary>
/// An ISO 8601 duration (<c>P1Y2M10DT2H30M</c>, <c>P2W</c>, <c>PT0.05S</c>). Years and months are calendar
/// steps, not a fixed number of days, so "P1M" from 31 January lands on the last day of February.
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    public static bool TryParse(string? text, out IsoDuration duration)
    {
        duration = default;
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success || text!.Trim() is "P" or "PT" || text.Trim().EndsWith('T'))
        {
            return false;
        }

        int Int(string group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        double Num(string group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0;
        try
        {
            var time = TimeSpan.FromHours(Num("h")) + TimeSpan.FromMinutes(Num("m")) + TimeSpan.FromSeconds(Num("s"));
            duration = new IsoDuration(Int("Y"), Int("M"), Int("D") + (7 * Int("W")), time);
        }
        catch (OverflowException)
        {
            return false;
        }

        return true;
    }

    public DateTimeOffset AddTo(DateTimeOffset start) => start.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);

    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    [GeneratedRegex(@"^P(?:(?<Y>\d+)Y)?(?:(?<M>\d+)M)?(?:(?<W>\d+)W)?(?:(?<D>\d+)D)?(?:T(?:(?<h>\d+(?:[.,]\d+)?)H)?(?:(?<m>\d+(?:[.,]\d+)?)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
