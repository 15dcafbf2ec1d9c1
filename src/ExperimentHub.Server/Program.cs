using ExperimentHub.Server;
using ExperimentHub.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (StartupProblems.Find(builder.Configuration) is { } problem)
{
    return StartupProblems.Report(problem);
}
builder.AddExperimentHub();

var app = builder.Build();
app.MapExperimentHub();
try
{
    // Settings are checked before any hosted service opens the store.
    StartupProblems.ValidateSettings(app.Services);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupProblems.Describe(e) is { } startupProblem)
{
    return StartupProblems.Report(startupProblem);
}

public partial class Program;
