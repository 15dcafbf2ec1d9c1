using System.Text.Json;
using ExperimentHub.Contracts.Api;

namespace ExperimentHub.Client.Tests;

/// <summary>The one JSON definition of the API (Contracts/Api/ApiJson), as the client reads and writes with it.</summary>
public sealed class ApiJsonTests
{
    [Fact]
    public void NaN_and_infinities_travel_as_strings_both_ways()
    {
        var batch = new MetricBatchRequest([
            new MetricPointDto("loss", double.NaN, 1), new MetricPointDto("loss", double.PositiveInfinity, 2), new MetricPointDto("loss", double.NegativeInfinity, 3)]);
        var json = JsonSerializer.Serialize(batch, ApiJson.Options);
        Assert.Contains("\"value\":\"NaN\"", json, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"Infinity\"", json, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"-Infinity\"", json, StringComparison.Ordinal);

        var back = JsonSerializer.Deserialize<MetricBatchRequest>(json, ApiJson.Options)!;
        Assert.True(double.IsNaN(back.Points[0].Value));
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity], back.Points.Skip(1).Select(p => p.Value));
    }

    [Fact]
    public void Names_are_camelCase_and_dictionary_keys_stay_as_sent()
    {
        var json = JsonSerializer.Serialize(new FinishRunRequest("completed", new Dictionary<string, double> { ["Val/Loss"] = 0.5 }), ApiJson.Options);
        Assert.Equal("""{"status":"completed","summary":{"Val/Loss":0.5}}""", json);
    }

    [Fact]
    public void A_response_with_a_field_added_later_is_read()
    {
        var project = JsonSerializer.Deserialize<ProjectDto>(
            """{"key":"p","name":"P","description":null,"createdAt":"2026-12-01T00:00:00+00:00","owner":"someone"}""", ApiJson.Options)!;
        Assert.Equal("p", project.Key);
    }

    [Fact]
    public void A_request_with_an_unknown_field_is_refused_and_named()
    {
        var error = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<CreateProjectRequest>("""{"key":"p","name":"P","colour":"red"}""", ApiJson.Options));
        Assert.Contains("'colour'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_null_required_field_is_refused()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CreateProjectRequest>("""{"name":"P"}""", ApiJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CreateProjectRequest>("""{"key":null,"name":"P"}""", ApiJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MetricPointDto>("""{"key":"loss","value":"0.5","step":1}""", ApiJson.Options));
    }

    [Fact]
    public void Client_only_helpers_are_not_on_the_wire()
    {
        var sweep = new SweepDto(1, "p", "s", "completed", null, "random", [], 0, 0, 0, 0, 0, 0, 0,
            new SweepBudgetDto(1, 0, 1, null, 5), null, [], DateTimeOffset.UnixEpoch, null, null);
        Assert.True(sweep.IsFinished);
        Assert.DoesNotContain("isFinished", JsonSerializer.Serialize(sweep, ApiJson.Options), StringComparison.Ordinal);
    }
}
