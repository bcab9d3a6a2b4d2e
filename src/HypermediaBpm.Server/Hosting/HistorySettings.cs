using System.Globalization;
using System.Xml;
using HypermediaBpm.Engine.Retention;

namespace HypermediaBpm.Server.Hosting;

/// <summary>
/// Reads the <c>History</c> section (docs/operations.md, "History retention"). Durations are a .NET time span
/// (<c>30.00:00:00</c>) or an ISO-8601 duration (<c>P30D</c>, <c>PT1H</c>), as in models; a bad value stops the server at
/// start rather than keeping (or removing) history other than the operator meant.
/// </summary>
public static class HistorySettings
{
    public static HistoryRetentionOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new HistoryRetentionOptions();
        var options = new HistoryRetentionOptions
        {
            TimeToLive = Duration(configuration, "History:TimeToLive", null),
            CleanupBatchSize = configuration.GetValue("History:CleanupBatchSize", defaults.CleanupBatchSize),
            CleanupInterval = Duration(configuration, "History:CleanupInterval", defaults.CleanupInterval)!.Value,
            LeaseDuration = Duration(configuration, "History:LeaseDuration", defaults.LeaseDuration)!.Value,
        };
        if (options.CleanupBatchSize is < 1 or > 10_000)
        {
            throw new InvalidOperationException($"History:CleanupBatchSize must be from 1 to 10000, not {options.CleanupBatchSize}.");
        }

        if (options.CleanupInterval < TimeSpan.FromSeconds(1) || options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException("History:CleanupInterval and History:LeaseDuration must be at least one second.");
        }

        return options;
    }

    private static TimeSpan? Duration(IConfiguration configuration, string key, TimeSpan? fallback)
    {
        var raw = configuration[key]?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return fallback;
        }

        TimeSpan value;
        try
        {
            value = raw.StartsWith('P') ? XmlConvert.ToTimeSpan(raw) : TimeSpan.Parse(raw, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new InvalidOperationException($"{key} must be a time span (30.00:00:00) or an ISO-8601 duration (P30D), not '{raw}'.", ex);
        }

        return value >= TimeSpan.Zero && value <= TimeSpan.FromDays(36_500)
            ? value
            : throw new InvalidOperationException($"{key} must be from zero to 36500 days, not '{raw}'.");
    }
}
