using HypermediaBpm.Engine.Scheduling;

namespace HypermediaBpm.Engine.Tests.Events;

public sealed class TimerScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("PT5M", "2026-11-21T09:05:00Z")]
    [InlineData("PT0.05S", "2026-11-21T09:00:00.05Z")]
    [InlineData("P1D", "2026-11-22T09:00:00Z")]
    [InlineData("P2W", "2026-12-05T09:00:00Z")]
    [InlineData("P1M", "2026-12-21T09:00:00Z")]
    [InlineData("P1Y2M3DT4H5M6S", "2028-01-24T13:05:06Z")]
    public void Duration_IsoText_DueFromNow(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimerSchedule.Duration(text, Now).DueAt);

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("5M")]
    [InlineData("PT5X")]
    [InlineData("P1DT")]
    public void Duration_NotIso_Refused(string text) => Assert.Throws<FormatException>(() => TimerSchedule.Duration(text, Now));

    [Fact]
    public void Cycle_CountAndPeriod_FirstAfterOnePeriodThenTwoMore()
    {
        var schedule = TimerSchedule.Cycle("R3/PT10S", Now);

        Assert.Equal((Now.AddSeconds(10), "PT10S", 2), (schedule.DueAt, schedule.Period, schedule.RepeatsLeft));
        Assert.Equal(Now.AddSeconds(20), TimerSchedule.Next(schedule.Period, schedule.RepeatsLeft, schedule.DueAt));
        Assert.Null(TimerSchedule.Next(schedule.Period, 0, schedule.DueAt));
    }

    [Fact]
    public void Cycle_UnboundedWithStartInThePast_NextOccurrenceAfterNow()
    {
        var schedule = TimerSchedule.Cycle("R/2026-01-01T00:00:00Z/P1D", Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), schedule.DueAt);
        Assert.Equal(-1, schedule.RepeatsLeft);
    }

    [Fact]
    public void Cycle_StartInTheFuture_FirstAtTheStart()
    {
        var schedule = TimerSchedule.Cycle("R2/2027-01-01T00:00:00Z/PT1H", Now);

        Assert.Equal((new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), 1), (schedule.DueAt, schedule.RepeatsLeft));
    }

    [Theory]
    [InlineData("0 0 * * *")]
    [InlineData("R0/PT1S")]
    [InlineData("R/PT0S")]
    [InlineData("R3/2020-01-01T00:00:00Z/PT1H")]
    public void Cycle_Unsupported_Refused(string text) => Assert.Throws<FormatException>(() => TimerSchedule.Cycle(text, Now));

    [Fact]
    public void Date_WithOffset_SameInstantInUtc() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 17, 0, 0, TimeSpan.Zero), TimerSchedule.Date("2026-12-24T18:00:00+01:00").DueAt);
}
