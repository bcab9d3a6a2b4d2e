using System.Globalization;

namespace HypermediaBpm.Engine.Scheduling;

/// <summary>
/// When a timer falls due, from a BPMN <c>timeDate</c> (an ISO 8601 date-time), <c>timeDuration</c> (an ISO
/// 8601 duration from now) or <c>timeCycle</c> (<c>R3/PT10S</c>, <c>R/PT1H</c>, <c>R/2026-01-01T00:00:00Z/P1D</c>,
/// <c>R2/P1D/2026-12-31T00:00:00Z</c>): the first due time, and for a cycle the period and how many firings remain.
/// </summary>
/// <param name="RepeatsLeft">Firings after the first (-1: for ever).</param>
public sealed record TimerSchedule(DateTimeOffset DueAt, string? Period, int RepeatsLeft)
{
    public static TimerSchedule Date(string text) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new TimerSchedule(at, null, 0)
            : throw new FormatException($"'{text}' is not an ISO 8601 date and time (e.g. 2026-12-24T18:00:00Z).");

    public static TimerSchedule Duration(string text, DateTimeOffset now) =>
        IsoDuration.TryParse(text, out var d)
            ? new TimerSchedule(d.AddTo(now), null, 0)
            : throw new FormatException($"'{text}' is not an ISO 8601 duration (e.g. PT5M, P1D).");

    public static TimerSchedule Cycle(string text, DateTimeOffset now)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[0][0] != 'R')
        {
            throw new FormatException($"'{text}' is not an ISO 8601 repeating interval (e.g. R3/PT10S, R/2026-01-01T00:00:00Z/P1D); cron cycles are not supported.");
        }

        var count = parts[0].Length == 1 ? -1 : int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"'{parts[0]}' in '{text}' is not a repeat count (R, or R followed by a positive number).");
        string periodText;
        DateTimeOffset first;
        if (parts.Length == 2)
        {
            periodText = parts[1];
            first = PeriodOf(periodText, text).AddTo(now);
        }
        else if (IsoDuration.TryParse(parts[1], out var leading))
        {
            // R/duration/end: the firings end at the given time, so the first one is a period before it at most.
            periodText = parts[1];
            var end = Date(parts[2]).DueAt;
            first = leading.AddTo(now);
            if (first > end)
            {
                first = end;
            }
        }
        else
        {
            periodText = parts[2];
            var period = PeriodOf(periodText, text);
            first = Date(parts[1]).DueAt;

            // A start in the past is caught up to the next occurrence after now, counting the firings missed.
            while (first < now && count != 0)
            {
                first = period.AddTo(first);
                if (count > 0)
                {
                    count--;
                }
            }

            if (count == 0)
            {
                throw new FormatException($"The cycle '{text}' has no occurrence left after {now:O}.");
            }
        }

        return new TimerSchedule(first, periodText, count < 0 ? -1 : count - 1);
    }

    /// <summary>The occurrence after <paramref name="previous"/> for a cycle, or null when none is left.</summary>
    public static DateTimeOffset? Next(string? period, int repeatsLeft, DateTimeOffset previous) =>
        period is not null && repeatsLeft != 0 && IsoDuration.TryParse(period, out var d) ? d.AddTo(previous) : null;

    private static IsoDuration PeriodOf(string periodText, string whole) =>
        IsoDuration.TryParse(periodText, out var period) && !period.IsZero
            ? period
            : throw new FormatException($"'{periodText}' in '{whole}' is not a non-zero ISO 8601 duration.");
}
