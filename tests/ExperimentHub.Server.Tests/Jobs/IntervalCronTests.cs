using ExperimentHub.Server.Jobs;

namespace ExperimentHub.Server.Tests.Jobs;

public sealed class IntervalCronTests
{
    [Theory]
    [InlineData(1, "*/1 * * * * *")]
    [InlineData(1_000, "*/1 * * * * *")]
    [InlineData(1_001, "*/2 * * * * *")]
    [InlineData(5_000, "*/5 * * * * *")]
    // 7 s does not divide a minute: */7 would fire at 56 s and again 4 s later.
    [InlineData(7_000, "*/10 * * * * *")]
    [InlineData(30_000, "*/30 * * * * *")]
    [InlineData(31_000, "0 */1 * * * *")]
    [InlineData(60_000, "0 */1 * * * *")]
    [InlineData(61_000, "0 */2 * * * *")]
    [InlineData(45 * 60_000, "0 0 */1 * * *")]
    [InlineData(60 * 60_000, "0 0 */1 * * *")]
    // Past an hour: whole hours, where the old rounding capped everything at */59 minutes.
    [InlineData(90 * 60_000, "0 0 */2 * * *")]
    [InlineData(5 * 3_600_000, "0 0 */6 * * *")]
    [InlineData(13 * 3_600_000, "0 0 0 * * *")]
    [InlineData(int.MaxValue, "0 0 0 * * *")]
    public void An_interval_is_rounded_up_to_a_step_that_divides_its_unit(int milliseconds, string cron) =>
        Assert.Equal(cron, IntervalCron.Every(milliseconds));

    [Fact]
    public void A_non_positive_interval_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IntervalCron.Every(0));
}
