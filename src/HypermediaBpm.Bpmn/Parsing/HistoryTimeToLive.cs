using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using static HypermediaBpm.Bpmn.Parsing.BpmnXml;

namespace HypermediaBpm.Bpmn.Parsing;

/// <summary>
/// Reads <c>camunda:historyTimeToLive</c> as Camunda 7 writes it: a whole number of days (<c>30</c>) or an ISO-8601
/// duration (<c>P30D</c>, <c>PT1H</c>). Anything else is an error of the deploy, located at the process, because a
/// model that silently kept its history forever (or removed it at once) would surprise its owner much later.
/// </summary>
internal static class HistoryTimeToLive
{
    /// <summary>A hundred years: the longest time to live accepted, so an end time plus it never overflows.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(36_500);

    public static TimeSpan? Parse(XElement process, string? processId, ParseContext ctx)
    {
        var raw = CamundaAttr(process, "historyTimeToLive");
        if (raw is null)
        {
            return null;
        }

        if (TryParse(raw, out var value))
        {
            return value;
        }

        ctx.Error(ProblemCodes.InvalidValue,
            $"camunda:historyTimeToLive=\"{raw}\" is not a number of days or an ISO-8601 duration (P30D, PT12H) from 0 up to {Maximum.Days} days.",
            process, processId);
        return null;
    }

    /// <summary>Whole days or an ISO-8601 duration without years or months (whose length varies), from zero to <see cref="Maximum"/>.</summary>
    public static bool TryParse(string raw, out TimeSpan value)
    {
        value = default;
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            if (days > Maximum.Days)
            {
                return false;
            }

            value = TimeSpan.FromDays(days);
            return true;
        }

        var datePart = raw.Split('T')[0];
        if (!raw.StartsWith('P') || datePart.Contains('Y', StringComparison.Ordinal) || datePart.Contains('M', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            value = XmlConvert.ToTimeSpan(raw);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            return false;
        }

        return value >= TimeSpan.Zero && value <= Maximum;
    }
}
