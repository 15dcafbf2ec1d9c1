using System.Text.Json;
using ExperimentHub.Agent.Trials;

namespace ExperimentHub.Agent.Tests.Trials;

public class CommandTemplateTests
{
    private static readonly IReadOnlyDictionary<string, JsonElement> Params = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
        """{"lr": 1e-05, "layers": 3, "kernel": "rbf", "shuffle": true, "degree": null, "name": "two words; $(rm -rf)"}""")!;

    [Fact]
    public void Args_becomes_one_argument_per_active_parameter()
    {
        var expanded = CommandTemplate.Expand(["python3", "train.py", "${args}"], Params);

        Assert.Equal(["python3", "train.py", "--lr=1E-05", "--layers=3", "--kernel=rbf", "--shuffle=true", "--name=two words; $(rm -rf)"], expanded);
    }

    [Fact]
    public void Names_are_replaced_inside_arguments()
    {
        var expanded = CommandTemplate.Expand(["./run", "--learning-rate", "${lr}", "--tag=${kernel}-${layers}"], Params);

        Assert.Equal(["./run", "--learning-rate", "1E-05", "--tag=rbf-3"], expanded);
        Assert.Equal(1e-05, double.Parse(expanded[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_name_the_trial_lacks_is_an_error_that_names_it()
    {
        var error = Assert.Throws<TrialSetupException>(() => CommandTemplate.Expand(["python3", "--x=${momentum}"], Params));

        Assert.Contains("${momentum}", error.Message, StringComparison.Ordinal);
        Assert.Contains("lr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inactive_parameter_cannot_be_named()
    {
        var error = Assert.Throws<TrialSetupException>(() => CommandTemplate.Expand(["python3", "${degree}"], Params));

        Assert.Contains("${degree}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Args_inside_a_larger_argument_is_refused()
    {
        var error = Assert.Throws<TrialSetupException>(() => CommandTemplate.Expand(["python3", "x${args}"], Params));

        Assert.Contains("of its own", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_command_is_refused()
    {
        Assert.Throws<TrialSetupException>(() => CommandTemplate.Expand([], Params));
        Assert.Throws<TrialSetupException>(() => CommandTemplate.Expand([" "], Params));
    }

    [Fact]
    public void Parameters_serialize_as_one_json_object()
    {
        var json = CommandTemplate.ToJson(Params);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(1e-05, document.RootElement.GetProperty("lr").GetDouble());
        Assert.Equal("rbf", document.RootElement.GetProperty("kernel").GetString());
        Assert.DoesNotContain('\n', json);
    }
}
