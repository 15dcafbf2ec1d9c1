using ExperimentHub.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddExperimentHub();

var app = builder.Build();
app.MapExperimentHub();
await app.RunAsync();

public partial class Program;
