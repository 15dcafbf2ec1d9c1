namespace ExperimentHub.Cli.Commands;

/// <summary>The exit codes of the sweep and export verbs.</summary>
internal static class SweepExitCodes
{
    public const int Ok = 0;

    /// <summary>The server refused or could not be reached, or a followed sweep failed or paused itself.</summary>
    public const int Failed = 1;

    /// <summary>The command line or the spec is wrong: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C while following: the sweep goes on on the server.</summary>
    public const int Detached = 130;
}
