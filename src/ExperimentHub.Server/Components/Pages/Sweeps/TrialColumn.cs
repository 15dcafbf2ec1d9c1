namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>A dynamic column of the trials table: a parameter (p_) or a metric (m_).</summary>
public sealed record TrialColumn(string Key, string Title, Type Type);
