using System.Globalization;
using System.Text.Json;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Demo;

/// <summary>
/// On an empty store, a project "demo" with finished runs and their training curves, one of them diverging to NaN,
/// so the dashboard and the API have something to show on a first start. Deterministic (fixed seed).
/// </summary>
internal sealed class DemoSeeder(
    IOptions<DemoOptions> options,
    IDbContextFactory<ExperimentHubDb> contexts,
    ProjectStore projects,
    RunStore runs,
    MetricIngest metrics,
    TimeProvider time,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public const string ProjectKey = "demo";
    private const int Steps = 200;

    private static readonly (string Name, double LearningRate, int Layers, bool Diverges)[] Runs =
    [
        ("lr-0.001", 0.001, 2, false),
        ("lr-0.01", 0.01, 3, false),
        ("lr-0.03", 0.03, 4, false),
        ("lr-0.3", 0.3, 4, true),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed)
        {
            return;
        }
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Projects.AnyAsync(cancellationToken))
            {
                return;
            }
        }
        var project = await projects.CreateAsync(ProjectKey, "Demo: synthetic training curves",
            "Seeded on a fresh data folder (turn off with ExperimentHub:Demo:Seed=false). The last run diverges to NaN.", cancellationToken);
        if (project is null)
        {
            return;
        }
        var random = new Random(42);
        var start = time.GetUtcNow().AddHours(-1);
        foreach (var (name, lr, layers, diverges) in Runs)
        {
            var parameters = JsonSerializer.Serialize(new Dictionary<string, object> { ["lr"] = lr, ["layers"] = layers, ["optimizer"] = "adam" });
            var created = await runs.CreateAsync(project.Id, name, parameters, cancellationToken);
            var points = new List<MetricPointInput>(Steps * 3);
            var speed = Math.Log10(lr / 0.0001) / 3;
            for (var step = 0; step < Steps; step++)
            {
                var t = start.AddSeconds(step * 5);
                var loss = diverges && step > 60
                    ? (step > 80 ? double.NaN : Math.Exp((step - 60) / 4.0))
                    : (2.3 * Math.Exp(-speed * step / 40.0)) + 0.05 + (random.NextDouble() * 0.04);
                var accuracy = double.IsNaN(loss) ? double.NaN : Math.Clamp(1 - (loss / 2.5), 0, 1);
                points.Add(new MetricPointInput("loss", step, loss, t));
                points.Add(new MetricPointInput("val_loss", step, double.IsNaN(loss) ? double.NaN : loss * 1.1 + 0.02, t));
                points.Add(new MetricPointInput("accuracy", step, accuracy, t));
            }
            await metrics.IngestAsync(created.Run.Id, points, cancellationToken);
            var final = points.Where(p => p.Key == "accuracy").Select(p => p.Value).Where(double.IsFinite).DefaultIfEmpty(0).Max();
            await runs.FinishAsync(created.Run.Id, diverges ? RunStatus.Failed : RunStatus.Completed,
                new Dictionary<string, double> { ["best_accuracy"] = Math.Round(final, 4) },
                diverges ? "ValueError: the loss became NaN at step 81 (the learning rate is too high)" : null, cancellationToken);
        }
        logger.LogInformation("Seeded the demo project '{Project}' with {Count} runs", ProjectKey, Runs.Length.ToString(CultureInfo.InvariantCulture));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
