namespace ExperimentHub.Server.Jobs;

/// <summary>The recurring jobs' ids, as the Hangfire dashboard lists them.</summary>
public static class JobNames
{
    public const string ReapExpiredLeases = "reap-expired-leases-and-timed-out-trials";
    public const string CoordinateRunningSweeps = "coordinate-running-sweeps";
    public const string ExportRunCatalog = "export-run-catalog-to-file";
    public const string StartCapacity = "start-capacity-for-compute-sweeps";
    public const string TerminateRunawayCapacity = "terminate-runaway-instances-and-jobs";
    public const string ResendStrandedNotifications = "resend-notifications-whose-job-was-lost";
}
