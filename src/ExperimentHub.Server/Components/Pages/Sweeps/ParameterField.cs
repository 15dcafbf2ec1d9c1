namespace ExperimentHub.Server.Components.Pages.Sweeps;

public sealed class ParameterField
{
    public string Name { get; set; } = "";

    /// <summary>float, int or categorical.</summary>
    public string Type { get; set; } = "float";

    public double? Min { get; set; }

    public double? Max { get; set; }

    public bool Log { get; set; }

    /// <summary>Categorical choices, comma-separated.</summary>
    public string Choices { get; set; } = "";

    public IReadOnlyList<string> ChoiceList() =>
        Choices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
