namespace ExperimentHub.Server.Audit;

/// <summary>The actions the audit log records, as <c>noun.verb</c>.</summary>
public static class AuditActions
{
    public const string SweepLaunch = "sweep.launch";
    public const string SweepPause = "sweep.pause";
    public const string SweepResume = "sweep.resume";
    public const string SweepStop = "sweep.stop";
    public const string SweepExtend = "sweep.extend";
    public const string RunCreate = "run.create";
    public const string ProjectCreate = "project.create";
    public const string KeyCreate = "key.create";
    public const string KeyRevoke = "key.revoke";
    public const string UserCreate = "user.create";
    public const string MemberSet = "member.set";
    public const string MemberRemove = "member.remove";
}
