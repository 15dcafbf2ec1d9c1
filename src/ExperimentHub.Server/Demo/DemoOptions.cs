namespace ExperimentHub.Server.Demo;

/// <summary><c>ExperimentHub:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "ExperimentHub:Demo";

    /// <summary>Seed a demo project into an empty store, so a first start shows something at once.</summary>
    public bool Seed { get; set; } = true;
}
