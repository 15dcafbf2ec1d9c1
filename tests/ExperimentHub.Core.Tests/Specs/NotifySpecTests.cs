using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

public class NotifySpecTests
{
    private static SweepSpecParseResult Parse(string notify) =>
        SweepSpecParser.ParseYaml($"""
            name: notified
            command: [python3, train.py, "${"{args}"}"]
            objectives: [{"{metric: loss, goal: minimize}"}]
            parameters:
              x: {"{type: float, min: 0, max: 1}"}
            budget: {"{trials: 20}"}
            notify: {notify}
            """);

    [Fact]
    public void Webhooks_and_emails_are_read_with_their_events()
    {
        var spec = SpecAssert.Valid(Parse("[{webhook: 'https://hooks.example.com/a?b=1', on: [completed, failed]}, {email: team@example.com, on: [paused, new_best]}]"));
        Assert.Equal(2, spec.Notify.Count);
        Assert.Equal(NotifyChannel.Webhook, spec.Notify[0].Channel);
        Assert.Equal("https://hooks.example.com/a?b=1", spec.Notify[0].Address);
        Assert.Equal([NotifyEvent.Completed, NotifyEvent.Failed], spec.Notify[0].On);
        Assert.Equal(new NotifyTarget(NotifyChannel.Email, "team@example.com", spec.Notify[1].On), spec.Notify[1]);
        Assert.Equal([NotifyEvent.Paused, NotifyEvent.NewBest], spec.Notify[1].On);
        Assert.True(spec.Notify[1].Wants(NotifyEvent.NewBest));
        Assert.False(spec.Notify[1].Wants(NotifyEvent.Completed));
    }

    [Fact]
    public void No_notify_field_means_no_targets()
    {
        Assert.Empty(SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Minimal)).Notify);
    }

    [Fact]
    public void An_unknown_event_is_refused_at_its_own_field_with_the_closest_name()
    {
        var error = SpecAssert.HasError(Parse("[{webhook: 'https://h.example.com/x', on: [completed, finished, new-best]}]"),
            "notify[0].on[1]", "must be one of completed, failed, paused, new_best");
        Assert.Equal(7, error.Line);
        SpecAssert.HasError(Parse("[{webhook: 'https://h.example.com/x', on: [completed, finished, new-best]}]"),
            "notify[0].on[2]", "did you mean 'new_best'?");
    }

    [Theory]
    [InlineData("[{webhook: 'ftp://h.example.com/x', on: [completed]}]", "notify[0].webhook", "must be an absolute http or https URL")]
    [InlineData("[{webhook: '/relative', on: [completed]}]", "notify[0].webhook", "must be an absolute http or https URL")]
    [InlineData("[{email: not-an-address, on: [completed]}]", "notify[0].email", "must be an email address")]
    [InlineData("[{email: 'Team <team@example.com>', on: [completed]}]", "notify[0].email", "must be an email address")]
    [InlineData("[{webhook: 'https://h.example.com/x', email: a@example.com, on: [completed]}]", "notify[0]", "names both a webhook and an email")]
    [InlineData("[{on: [completed]}]", "notify[0]", "needs a target")]
    [InlineData("[{webhook: 'https://h.example.com/x'}]", "notify[0].on", "is required")]
    [InlineData("[{webhook: 'https://h.example.com/x', on: []}]", "notify[0].on", "must name at least one event")]
    [InlineData("[{webhook: 'https://h.example.com/x', on: [failed, failed]}]", "notify[0].on[1]", "failed is listed twice")]
    [InlineData("[{webhook: 'https://h.example.com/x', on: [failed], when: always}]", "notify[0].when", "unknown key 'when'")]
    [InlineData("{webhook: 'https://h.example.com/x', on: [failed]}", "notify", "must be a list")]
    public void Bad_targets_are_refused_naming_the_field(string notify, string path, string message)
    {
        SpecAssert.HasError(Parse(notify), path, message);
    }

    [Fact]
    public void The_canonical_yaml_keeps_the_targets()
    {
        var spec = SpecAssert.Valid(Parse("[{webhook: 'https://hooks.example.com/a', on: [new_best]}, {email: ops@example.com, on: [failed, paused]}]"));
        var yaml = SweepSpecParser.ToYaml(spec);
        Assert.Contains("notify:\n  - {webhook: \"https://hooks.example.com/a\", on: [new_best]}\n  - {email: \"ops@example.com\", on: [failed, paused]}\n",
            yaml, StringComparison.Ordinal);
        var again = SpecAssert.Valid(SweepSpecParser.ParseYaml(yaml));
        Assert.Equal(spec.Notify.Select(t => (t.Channel, t.Address, string.Join(",", t.On))), again.Notify.Select(t => (t.Channel, t.Address, string.Join(",", t.On))));
    }

    [Fact]
    public void A_list_on_its_own_parses_as_project_defaults()
    {
        var result = NotifyListParser.Parse("- {webhook: 'https://hooks.example.com/a', on: [completed]}\n- {email: ops@example.com, on: [failed]}\n");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["https://hooks.example.com/a", "ops@example.com"], result.Targets.Select(t => t.Address));
        Assert.Equal(result.Targets.Select(t => t.Address), NotifyListParser.Parse(NotifyListParser.ToYaml(result.Targets)).Targets.Select(t => t.Address));
        Assert.Empty(NotifyListParser.Parse("  ").Targets);

        var bad = NotifyListParser.Parse("[{email: ops@example.com, on: [done]}]");
        Assert.False(bad.IsValid);
        Assert.Empty(bad.Targets);
        Assert.Contains(bad.Errors, e => e.Path == "notify[0].on[0]" && e.Message.Contains("must be one of", StringComparison.Ordinal));
    }
}
