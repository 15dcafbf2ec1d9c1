using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Agent.SignalR;
using ExperimentHub.Contracts.Agents;
using ExperimentHub.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Dispatch throughput: a real server on Kestrel and 50 agents in this process, each a hub client of the agent
/// library with one slot, running a random-search sweep whose trials finish the moment they start. Prints trials
/// per second and, per agent, the time from sending a trial's end to receiving its next trial (median, p99).
/// Options: <c>trials=N</c> (default 2000), <c>agents=N</c> (default 50), <c>parallel=N</c> (default 2 x agents),
/// <c>delivery=direct|hangfire</c> (who runs the pass after a trial ends; default the server's default, direct) and
/// <c>jobpoll=MS</c> (Hangfire's queue and schedule poll; default 1000, the server's default) and <c>end=combined|separate</c>
/// (a bench agent reports a trial's end and asks for its next one in one call, or in two as the agent runner still does;
/// default combined) and <c>hold=MS</c> (each trial runs that long; default 0: the agents saturate the server, so the
/// gap is mostly queueing behind the other agents' calls; with a hold, 50 agents offer at most 50 000 / MS trials/s and
/// the gap is the hand-off's own latency at that rate).
/// </summary>
internal sealed class DispatchBenchmark : IBenchmark
{
    public string Name => "dispatch";

    public string Description => "trials/s and end-to-next-start latency with 50 in-process hub agents (targets >=200/s, median <50 ms)";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var trials = Option(args, "trials", 2000);
        var agentCount = Option(args, "agents", 50);
        var parallel = Option(args, "parallel", agentCount * 2);
        var delivery = args.Select(a => a.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == "delivery")?[1] ?? "direct";
        var jobPoll = Option(args, "jobpoll", 1000);
        var hold = Option(args, "hold", 0);
        var handoff = args.Select(a => a.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == "end")?[1] ?? "combined";
        var combined = handoff switch
        {
            "combined" => true,
            "separate" => false,
            _ => throw new ArgumentException($"end={handoff}: say combined or separate"),
        };
        var data = Path.Combine(Path.GetTempPath(), "experimenthub-bench", "dispatch-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await ExperimentHubServer.StartAsync(o =>
            {
                o.DataDir = data;
                o.EnvironmentName = "Production";
                o.AdminKey = "bench-admin-key-0123456789abcdef";
                o.Settings["ExperimentHub:Dispatch:Delivery"] = delivery;
                o.Settings["ExperimentHub:Jobs:PollIntervalMilliseconds"] = jobPoll.ToString(CultureInfo.InvariantCulture);
            }, cancellationToken);
            using var http = server.CreateAdminClient();
            (await http.PostAsJsonAsync("/api/v1/projects", new { key = "bench", name = "bench" }, cancellationToken)).EnsureSuccessStatusCode();

            var agents = new List<(HubConnection Connection, AgentHubClient Hub, SemaphoreSlim Wake)>();
            for (var i = 0; i < agentCount; i++)
            {
                var connection = AgentHubConnection.Create(server.HubUrl, server.AdminKey, new ReconnectPolicy());
                var hub = new AgentHubClient(connection);
                var wake = new SemaphoreSlim(0);
                hub.Handle(new WakeOnWork(wake));
                await connection.StartAsync(cancellationToken);
                await hub.Register(new AgentRegistration($"bench-{i}", "localhost", "bench", 1, 1, 1L << 30, [], $"bench-{i}-{Guid.NewGuid():N}"), cancellationToken);
                agents.Add((connection, hub, wake));
            }

            var spec = string.Create(CultureInfo.InvariantCulture, $$"""
                name: dispatch-bench
                command: ["true"]
                method: random
                objectives:
                  - {metric: loss, goal: minimize}
                parameters:
                  x: {type: float, min: 0, max: 1}
                  y: {type: float, min: 0, max: 1}
                budget: {trials: {{trials}}, parallel: {{parallel}}}
                seed: 1
                """);
            using var content = new StringContent(spec, Encoding.UTF8, "application/yaml");
            using var submitted = await http.PostAsync("/api/v1/projects/bench/sweeps", content, cancellationToken);
            submitted.EnsureSuccessStatusCode();
            var sweepId = (await submitted.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetInt64();

            var gaps = new ConcurrentBag<double>();
            var finished = 0;
            long firstStart = 0, lastEnd = 0;
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(agents.Select(a => Task.Run(async () =>
            {
                long? endedAt = null;
                IReadOnlyList<TrialAssignment> work = [];
                while (Volatile.Read(ref finished) < trials && !cancellationToken.IsCancellationRequested)
                {
                    if (work.Count == 0)
                    {
                        work = await a.Hub.RequestWork(new WorkRequest(1, 0), cancellationToken);
                        if (work.Count == 0)
                        {
                            await a.Wake.WaitAsync(TimeSpan.FromMilliseconds(50), cancellationToken);
                            continue;
                        }
                    }
                    var now = watch.ElapsedTicks;
                    Interlocked.CompareExchange(ref firstStart, now, 0);
                    if (endedAt is { } e)
                    {
                        gaps.Add((now - e) * 1000.0 / Stopwatch.Frequency);
                    }
                    var trial = work[0];
                    await a.Hub.TrialStarted(new TrialStarted(trial.RunId, 1, []), cancellationToken);
                    if (hold > 0)
                    {
                        await Task.Delay(hold, cancellationToken);
                    }
                    endedAt = watch.ElapsedTicks;
                    var end = new TrialEnd(trial.RunId, TrialOutcome.Completed, 0, null, "");
                    if (combined)
                    {
                        // The end and the request for the freed slot in one call (EndTrialAndRequestWork).
                        work = await a.Hub.EndTrialAndRequestWork(end, new WorkRequest(1, 0), cancellationToken);
                    }
                    else
                    {
                        await a.Hub.TrialEnded(end, cancellationToken);
                        work = [];
                    }
                    Interlocked.Increment(ref finished);
                    Interlocked.Exchange(ref lastEnd, watch.ElapsedTicks);
                }
            }, cancellationToken)));

            var seconds = (lastEnd - firstStart) / (double)Stopwatch.Frequency;
            process.Refresh();
            // Server and agents share this process: CPU per trial bounds the rate on a machine that is not shared.
            var cpuPerTrial = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, finished);
            var sorted = gaps.Order().ToList();
            var median = sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
            var p99 = sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)];
            var status = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/sweeps/{sweepId}", cancellationToken));
            foreach (var a in agents)
            {
                await a.Connection.DisposeAsync();
                a.Wake.Dispose();
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dispatch: agents={agentCount} trials={finished} parallel={parallel} delivery={delivery} end={handoff} hold_ms={hold} jobpoll_ms={jobPoll} seconds={seconds:F2} sweep_completed={status.GetProperty("trialsCompleted").GetInt32()} sweep_status={status.GetProperty("status").GetString()}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dispatch: summary trials_per_s={finished / seconds:F0} cpu_ms_per_trial={cpuPerTrial:F2} gap_median_ms={median:F1} gap_p99_ms={p99:F1} gap_max_ms={(sorted.Count == 0 ? double.NaN : sorted[^1]):F1} target_trials_per_s=200 target_median_ms=50"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up.
            }
        }
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback) =>
        args.Select(a => a.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == name) is { } pair
            ? int.Parse(pair[1], CultureInfo.InvariantCulture)
            : fallback;

    private sealed class WakeOnWork(SemaphoreSlim wake) : IAgentClient
    {
        public Task StopTrial(StopTrial request) => Task.CompletedTask;

        public Task WorkAvailable()
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
            return Task.CompletedTask;
        }
    }
}
