using System.Collections.Concurrent;
using System.Reflection;
using System.Threading.Channels;
using ExperimentHub.Agent.Gpus;
using ExperimentHub.Agent.Machines;
using ExperimentHub.Agent.SignalR;
using ExperimentHub.Agent.Trials;
using ExperimentHub.Agent.Workspaces;
using ExperimentHub.Contracts.Agents;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExperimentHub.Agent.Runners;

/// <summary>
/// The agent loop: connect to the hub, register, ask for work while slots are free (on a poll and whenever the
/// server says work is available), run each trial as a child process, forward its metrics and log lines in
/// batches, report its end, heartbeat the running trials, obey stop requests, and after a reconnect register
/// again and reattach the trials still running before anything else goes out. The official SignalR client
/// reconnects by itself; the agent restarts the connection only when the server closed it for good.
/// Cancelling <see cref="RunAsync"/> shuts down gracefully: running trials are stopped and reported.
/// </summary>
public sealed class AgentRunner : IAgentClient, IAsyncDisposable
{
    private readonly AgentOptions _options;
    private readonly ILogger _logger;
    private readonly MachineInfo _machine;
    private readonly IReadOnlyList<GpuInfo> _gpus;
    private readonly GpuAllocator _allocator;
    private readonly HubConnection _connection;
    private readonly AgentHubClient _hub;
    private readonly RegisteredConnection _registered;
    private readonly OrderedSender _sender;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<long, RunningTrial> _running = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly CodeWorkspaces _workspaces;
    private readonly ModelFolders _modelFolders = new();
    private TimeSpan _heartbeatInterval = TimeSpan.FromSeconds(10);
    private int _started;

    /// <summary>The running agent's stopping token: a connection lost after it fired is the agent's own end.</summary>
    private CancellationToken _stopping;
    private int _reconnects;
    private string _shutdownReason = "the agent is shutting down";

    private AgentRunner(AgentOptions options, MachineInfo machine, IReadOnlyList<GpuInfo> gpus, ILoggerFactory? loggerFactory)
    {
        _options = options;
        _logger = loggerFactory?.CreateLogger<AgentRunner>() ?? NullLogger<AgentRunner>.Instance;
        _machine = machine;
        _gpus = gpus;
        _allocator = new GpuAllocator(gpus.Select(g => g.Index));
        Slots = options.Slots ?? MachineInfo.DefaultSlots(gpus.Count, machine.CpuCount);
        _connection = AgentHubConnection.Create(options.HubUrl, options.ApiKey, options.Reconnect, loggerFactory);
        _hub = new AgentHubClient(_connection);
        _hub.Handle(this);
        _connection.Reconnecting += OnReconnectingAsync;
        _connection.Reconnected += OnReconnectedAsync;
        _connection.Closed += OnClosedAsync;
        _registered = new RegisteredConnection(() => _connection.ConnectionId);
        _sender = new OrderedSender(_registered, _logger);
        _workspaces = new CodeWorkspaces(options.WorkspacesDir ?? Path.Combine(options.Workdir, AgentOptions.DefaultWorkspacesFolder), options.Workdir);
    }

    public int Slots { get; }

    public IReadOnlyList<GpuInfo> Gpus => _gpus;

    /// <summary>The id the server gave at the last registration; 0 before the first.</summary>
    public long AgentId { get; private set; }

    /// <summary>How many times the agent registered again after losing its connection (for tests and status lines).</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    public IReadOnlyCollection<long> RunningRunIds => [.. _running.Keys];

    /// <summary>The open connection's id once the agent has registered on it; null while it has not (for tests).</summary>
    internal string? RegisteredConnectionId => _registered.Current;

    /// <summary>Detects the machine and its GPUs (nvidia-smi), applies <see cref="AgentOptions.Gpus"/>, and checks the options.</summary>
    /// <exception cref="ArgumentException">An option is wrong (slots below 1, a GPU the machine lacks, a missing work folder).</exception>
    public static async Task<AgentRunner> CreateAsync(AgentOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Slots is < 1)
        {
            throw new ArgumentException($"--slots must be 1 or more (got {options.Slots}).", nameof(options));
        }
        if (!Directory.Exists(options.Workdir))
        {
            throw new ArgumentException($"--workdir '{options.Workdir}' does not exist.", nameof(options));
        }
        if (options.ServerUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--server '{options.ServerUrl}' must be an http or https URL.", nameof(options));
        }
        var gpus = options.Gpus == GpuSelection.None ? [] : await DetectGpusAsync(options, loggerFactory, cancellationToken);
        return new AgentRunner(options with { Workdir = Path.GetFullPath(options.Workdir) }, MachineInfo.Detect(), gpus, loggerFactory);
    }

    /// <summary>Runs until cancelled, then stops the running trials and reports them.</summary>
    /// <exception cref="HubConnectionException">The server refused the API key or has no agent hub.</exception>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The agent is already running.");
        }
        // A spot interruption notice ends the agent as Ctrl+C does: its trials are stopped, reported and requeued.
        using var interruption = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watch = _options.InterruptionNoticeUrl is { } noticeUrl
            ? Task.Run(() => WatchInterruptionAsync(noticeUrl, interruption), CancellationToken.None)
            : Task.CompletedTask;
        stoppingToken = interruption.Token;
        _stopping = stoppingToken;
        using var senderStop = new CancellationTokenSource();
        var sender = Task.Run(() => _sender.RunAsync(senderStop.Token), CancellationToken.None);
        try
        {
            await ConnectAsync(refusalIsFinal: true, stoppingToken);
            await RegisterAsync(_connection.ConnectionId, isReconnect: false, stoppingToken);
            _logger.LogInformation("Agent {Name} connected to {Url} with {Slots} slot(s) and {Gpus} GPU(s)", _options.Name, _options.HubUrl, Slots, _gpus.Count);
            var heartbeat = Task.Run(() => HeartbeatLoopAsync(stoppingToken), CancellationToken.None);
            var flush = Task.Run(() => FlushLoopAsync(stoppingToken), CancellationToken.None);
            await WorkLoopAsync(stoppingToken);
            await Task.WhenAll(heartbeat, flush);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Cancelled while connecting: nothing runs yet.
        }
        finally
        {
            await ShutdownAsync(senderStop);
            await sender;
            await _lifetime.CancelAsync();
            await interruption.CancelAsync();
            await watch;
        }
    }

    /// <summary>True once a spot interruption notice was seen: the agent is shutting down for it.</summary>
    public bool Interrupted { get; private set; }

    private async Task WatchInterruptionAsync(Uri noticeUrl, CancellationTokenSource interruption)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            var notice = await new InterruptionNotice(http, noticeUrl).WaitAsync(_options.InterruptionPollInterval, interruption.Token);
            _logger.LogWarning("Spot interruption notice ({Notice}): stopping the running trials so the server runs them elsewhere", notice.Trim());
            Interrupted = true;
            _shutdownReason = "the instance is being reclaimed (spot interruption)";
            await interruption.CancelAsync();
        }
        catch (OperationCanceledException)
        {
            // The agent stopped for another reason.
        }
    }

    Task IAgentClient.StopTrial(StopTrial request)
    {
        if (_running.TryGetValue(request.RunId, out var trial))
        {
            _logger.LogInformation("Stopping run {RunId}: {Reason}", request.RunId, request.Reason);
            trial.Stop(request.Reason);
        }
        else
        {
            _logger.LogDebug("The server asked to stop run {RunId}, which this agent does not run", request.RunId);
        }
        return Task.CompletedTask;
    }

    Task IAgentClient.WorkAvailable()
    {
        Wake();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var trial in _running.Values)
        {
            trial.Stop("the agent is shutting down");
        }
        await _lifetime.CancelAsync();
        await _connection.DisposeAsync();
        _lifetime.Dispose();
    }

    private static async Task<IReadOnlyList<GpuInfo>> DetectGpusAsync(AgentOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var detection = await NvidiaSmi.DetectAsync(options.NvidiaSmiPath, cancellationToken);
        if (detection.Problem is not null)
        {
            loggerFactory?.CreateLogger<AgentRunner>().LogWarning("GPU detection failed, running without GPUs: {Problem}", detection.Problem);
        }
        return options.Gpus.Apply(detection.Gpus);
    }

    /// <summary>
    /// Starts the connection, trying again with backoff while the server cannot be reached. A rejected key or a missing
    /// hub ends the first connection with <see cref="HubConnectionException"/>; later, the agent keeps trying.
    /// </summary>
    private async Task ConnectAsync(bool refusalIsFinal, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _connection.StartAsync(cancellationToken);
                return;
            }
            catch (HttpRequestException e) when (refusalIsFinal && Refusal(e) is { } refusal)
            {
                throw refusal;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var delay = _options.Reconnect.DelayFor(attempt, Random.Shared);
                _logger.LogWarning("Cannot connect to {Url} ({Error}); retrying in {Delay:F1} s", _options.HubUrl, e.Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    private HubConnectionException? Refusal(HttpRequestException e)
    {
        var server = _options.HubUrl.GetLeftPart(UriPartial.Authority);
        return e.StatusCode switch
        {
            System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden => new HubConnectionException(
                $"The server at {server} refused the API key (HTTP {(int)e.StatusCode}).", e) { KeyRefused = true },
            System.Net.HttpStatusCode.NotFound => new HubConnectionException($"There is no agent hub at {_options.HubUrl} (HTTP 404).", e),
            _ => null,
        };
    }

    private Task OnReconnectingAsync(Exception? error)
    {
        if (_stopping.IsCancellationRequested)
        {
            _logger.LogInformation("The connection to {Url} closed while the agent stops", _options.HubUrl);
            return Task.CompletedTask;
        }
        _logger.LogWarning("Lost the connection to {Url}{Error}; reconnecting", _options.HubUrl, error is null ? "" : $" ({error.Message})");
        return Task.CompletedTask;
    }

    private async Task OnReconnectedAsync(string? connectionId)
    {
        await RegisterAsync(connectionId, isReconnect: true, _lifetime.Token);
    }

    /// <summary>The server closed the connection and asked the client not to reconnect (or the client gave up): start it afresh.</summary>
    private async Task OnClosedAsync(Exception? error)
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }
        _logger.LogWarning("The server closed the connection{Error}; connecting again", error is null ? "" : $" ({error.Message})");
        try
        {
            await ConnectAsync(refusalIsFinal: false, _lifetime.Token);
            await RegisterAsync(_connection.ConnectionId, isReconnect: true, _lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Register, then (after a reconnect, or with trials running) Reattach, on <paramref name="connectionId"/>; then
    /// let the queued reports go. A refusal is retried on the same connection; a loss ends it here, and the next
    /// connection's Reconnected event registers again.
    /// </summary>
    private async Task RegisterAsync(string? connectionId, bool isReconnect, CancellationToken cancellationToken)
    {
        var registration = new AgentRegistration(
            _options.Name,
            _machine.Host,
            typeof(AgentRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
            Slots,
            _machine.CpuCount,
            _machine.MemoryBytes,
            _gpus,
            _instanceId);
        for (var attempt = 0; connectionId is not null && !_registered.IsLost(connectionId); attempt++)
        {
            try
            {
                var accepted = await _hub.Register(registration, cancellationToken);
                AgentId = accepted.AgentId;
                _heartbeatInterval = TimeSpan.FromSeconds(Math.Max(1, accepted.HeartbeatSeconds));
                _options.Reconnect.KeepWithinLease(TimeSpan.FromSeconds(accepted.LeaseSeconds));
                var running = _running.Keys.ToList();
                if (isReconnect || running.Count > 0)
                {
                    await ReattachAsync(running, cancellationToken);
                }
                _registered.Registered(connectionId);
                if (isReconnect)
                {
                    Interlocked.Increment(ref _reconnects);
                }
                Wake();
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (_registered.IsLost(connectionId))
            {
                _logger.LogDebug("The connection was lost while registering ({Error}); the next one registers", e.Message);
                return;
            }
            catch (HubException e)
            {
                var delay = _options.Reconnect.DelayFor(attempt, Random.Shared);
                _logger.LogWarning("The server refused the registration ({Error}); trying again in {Delay:F1} s", e.Message, delay.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    private async Task ReattachAsync(List<long> running, CancellationToken cancellationToken)
    {
        var kept = (await _hub.Reattach(running, cancellationToken)).ToHashSet();
        foreach (var runId in running.Where(id => !kept.Contains(id)))
        {
            if (_running.TryGetValue(runId, out var trial))
            {
                _logger.LogWarning("The server gave run {RunId} to another agent while this one was away; stopping it", runId);
                trial.Abandoned = true;
                trial.Stop("the server no longer leases it to this agent");
            }
        }
        _logger.LogInformation("Registered again as agent {AgentId}; kept {Kept} of {Running} running trial(s)", AgentId, kept.Count, running.Count);
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task WorkLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Slots - _running.Count > 0 && _registered.Current is not null)
            {
                (int Asked, int Given) answer;
                try
                {
                    answer = await _sender.CallAsync(RequestWorkAsync).WaitAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    _logger.LogWarning("Asking for work failed: {Error}", e.Message);
                    answer = (0, 0);
                }
                // A full answer may mean more is waiting: ask again at once.
                if (answer.Given > 0 && answer.Given >= answer.Asked)
                {
                    continue;
                }
            }
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            poll.CancelAfter(_options.WorkPollInterval);
            try
            {
                await _wake.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval passed.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Asks for the capacity free when the call goes out (nothing when none is) and starts what comes back, all in the
    /// sender's turn: the next request sent already counts those trials, so no two requests offer the same slot.
    /// </summary>
    private async Task<(int Asked, int Given)> RequestWorkAsync(CancellationToken cancellationToken)
    {
        var request = FreeCapacity();
        if (request.FreeSlots == 0)
        {
            return (0, 0);
        }
        var assignments = await _hub.RequestWork(request, cancellationToken);
        StartTrials(assignments);
        return (request.FreeSlots, assignments.Count);
    }

    /// <summary>The slots and GPUs free now; none once the agent is stopping.</summary>
    private WorkRequest FreeCapacity() =>
        _stopping.IsCancellationRequested ? new WorkRequest(0, 0) : new WorkRequest(Math.Max(0, Slots - _running.Count), _allocator.FreeCount);

    private void StartTrials(IReadOnlyList<TrialAssignment> assignments)
    {
        foreach (var assignment in assignments)
        {
            StartTrial(assignment);
        }
    }

    private void StartTrial(TrialAssignment assignment)
    {
        if (_stopping.IsCancellationRequested)
        {
            // Leased by a request that was under way when the agent began to stop: back to the queue at once.
            ReportEnd(new TrialEnd(assignment.RunId, TrialOutcome.Stopped, null, $"Stopped before it started: {_shutdownReason}.", ""));
            return;
        }
        if (_running.ContainsKey(assignment.RunId))
        {
            _logger.LogWarning("The server assigned run {RunId} again while it runs here; ignoring the duplicate", assignment.RunId);
            return;
        }
        if (!_allocator.TryAllocate(Math.Max(0, assignment.GpuCount), out var gpus))
        {
            ReportEnd(new TrialEnd(assignment.RunId, TrialOutcome.Failed, null,
                $"The trial needs {assignment.GpuCount} GPU(s) but this agent has {_allocator.FreeCount} free of {_allocator.TotalCount}.", ""));
            return;
        }
        var trial = new RunningTrial(assignment, gpus, _options.MaxPendingLogLines, maxLineChars: 2000);
        _running[assignment.RunId] = trial;
        // Making the code ready and waiting for a model folder take a while: the work loop goes on meanwhile.
        _ = Task.Run(() => LaunchGuardedAsync(trial), CancellationToken.None);
    }

    /// <summary>A trial whose handling broke on something unforeseen is reported as failed, never left holding its slot.</summary>
    private async Task LaunchGuardedAsync(RunningTrial trial)
    {
        try
        {
            await LaunchAsync(trial);
        }
#pragma warning disable CA1031 // The last line of defence of a fire-and-forget task: report, free the slot, keep the agent up.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "Run {RunId}: the agent failed while handling it", trial.RunId);
            await FlushAsync(trial);
            if (_running.TryRemove(trial.RunId, out _))
            {
                _allocator.Release(trial.GpuIndices);
                ReportEnd(new TrialEnd(trial.RunId, TrialOutcome.Failed, null, $"The agent failed while handling the trial: {e.Message}", ""));
            }
            Wake();
        }
    }

    /// <summary>Makes the trial's code ready, takes its model folder, starts its process and watches it to the end.</summary>
    private async Task LaunchAsync(RunningTrial trial)
    {
        var assignment = trial.Assignment;
        IAsyncDisposable? modelFolder = null;
        string? modelPath = null;
        TrialProcessStartInfo info;
        try
        {
            if (assignment.Code is { } code)
            {
                var folder = await _workspaces.PrepareAsync(assignment.SweepId, code, assignment.RunId, trial, _lifetime.Token, trial.BeforeStart.Token);
                assignment = assignment with { Workdir = folder };
            }
            info = TrialPreparation.Prepare(assignment, _options.Workdir, _options.TrialsDir, trial.GpuIndices, _allocator.TotalCount > 0, _options.StopGracePeriod);
            if (assignment.Artifacts is { } artifacts)
            {
                modelPath = ModelFolders.Resolve(info.WorkingDirectory, artifacts);
                modelFolder = await _modelFolders.AcquireAsync(modelPath, artifacts.Clean, trial.BeforeStart.Token);
                info = info with { Environment = new Dictionary<string, string?>(info.Environment) { ["EXPERIMENTHUB_MODEL_DIR"] = modelPath } };
            }
            trial.Process = TrialProcess.Start(info, trial);
        }
        catch (WorkspaceException e)
        {
            await EndBeforeStartAsync(trial, modelFolder);
            _logger.LogWarning("Run {RunId}: the code of sweep {SweepId} is not ready: {Error}", assignment.RunId, assignment.SweepId, e.Message);
            var failure = new TrialSetupFailure(assignment.RunId, JsonSize.KeepEnd(e.Message, 2 * 1024), JsonSize.KeepEnd(e.Log, 12 * 1024));
            _sender.Post($"the setup failure of run {assignment.RunId}", ct => _hub.TrialSetupFailed(failure, ct));
            Wake();
            return;
        }
        catch (OperationCanceledException) when (trial.BeforeStart.IsCancellationRequested || _lifetime.IsCancellationRequested)
        {
            await EndBeforeStartAsync(trial, modelFolder);
            var reason = trial.StoppedBeforeStart ?? "the agent is shutting down";
            if (!trial.Abandoned)
            {
                ReportEnd(new TrialEnd(assignment.RunId, TrialOutcome.Stopped, null, $"Stopped before it started: {reason}.", ""));
            }
            Wake();
            return;
        }
        catch (Exception e) when (e is TrialSetupException or IOException or UnauthorizedAccessException)
        {
            await EndBeforeStartAsync(trial, modelFolder);
            _logger.LogWarning("Run {RunId} could not start: {Error}", assignment.RunId, e.Message);
            ReportEnd(new TrialEnd(assignment.RunId, TrialOutcome.Failed, null, e.Message, ""));
            Wake();
            return;
        }
        if (trial.BeforeStart.IsCancellationRequested)
        {
            // Stopped while the process was starting.
            trial.Process.Stop(trial.StoppedBeforeStart ?? "stopped");
        }
        var started = new TrialStarted(assignment.RunId, trial.Process.Pid, trial.GpuIndices, CodeVersion.Of(info.WorkingDirectory));
        _sender.Post($"the start of run {assignment.RunId}", ct => _hub.TrialStarted(started, ct));
        _logger.LogInformation("Run {RunId} (sweep {SweepId}, trial {Trial}) started as pid {Pid}", assignment.RunId, assignment.SweepId, assignment.TrialNumber, trial.Process.Pid);
        await MonitorAsync(trial, modelPath, modelFolder);
    }

    private async Task EndBeforeStartAsync(RunningTrial trial, IAsyncDisposable? modelFolder)
    {
        if (modelFolder is not null)
        {
            await modelFolder.DisposeAsync();
        }
        await FlushAsync(trial);
        _running.TryRemove(trial.RunId, out _);
        _allocator.Release(trial.GpuIndices);
    }

    private async Task MonitorAsync(RunningTrial trial, string? modelPath, IAsyncDisposable? modelFolder)
    {
        var result = await trial.Process!.Completion;
        await trial.Process.DisposeAsync();
        var stored = modelPath is not null && !trial.Abandoned ? await StoreModelAsync(trial, modelPath) : [];
        if (modelFolder is not null)
        {
            await modelFolder.DisposeAsync();
        }
        await FlushAsync(trial);
        _allocator.Release(trial.GpuIndices);
        _running.TryRemove(trial.RunId, out _);
        if (trial.Abandoned)
        {
            _logger.LogInformation("Run {RunId} stopped; not reported, another agent has it", trial.RunId);
        }
        else
        {
            _logger.LogInformation("Run {RunId} ended: {Outcome} (exit code {ExitCode})", trial.RunId, result.Outcome, result.ExitCode);
            // The end's tail replaces the run's log: what the agent said about the model goes at its end.
            var end = result.ToTrialEnd(trial.RunId);
            ReportEnd(end with { LogTail = end.LogTail + string.Concat(stored.Select(l => l + "\n")) });
        }
        Wake();
    }

    /// <summary>Uploads the trial's model folder before its end is reported, then empties it with <c>clean</c>; problems go to the run's log.</summary>
    private async Task<List<string>> StoreModelAsync(RunningTrial trial, string modelPath)
    {
        var assignment = trial.Assignment;
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(_options.ModelUploadTimeout);
            lines.AddRange(await ModelFolders.UploadAsync(modelPath, assignment.RunId, assignment.ApiUrl, assignment.Token, timeout.Token));
        }
        catch (OperationCanceledException)
        {
            lines.Add($"[agent] storing the model took longer than {_options.ModelUploadTimeout.TotalMinutes:0.#} minutes; stopped");
        }
        if (assignment.Artifacts!.Clean)
        {
            try
            {
                ModelFolders.Empty(modelPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                lines.Add($"[agent] could not empty the model folder: {e.Message}");
            }
        }
        foreach (var line in lines)
        {
            trial.OnOutput(assignment.RunId, line);
        }
        return lines;
    }

    private void ReportEnd(TrialEnd end)
    {
        // The tail and the error must fit one hub message (32 KB by default) whatever the script printed.
        var fitted = end with
        {
            LogTail = JsonSize.KeepEnd(end.LogTail, 12 * 1024),
            Error = end.Error is null ? null : JsonSize.KeepEnd(end.Error, 4 * 1024),
        };
        // The end asks for work for the capacity free when it goes out, the slot it frees included: the next trial
        // comes back in the same round trip, and the lease is in the store before the answer carries it.
        _sender.Post($"the end of run {end.RunId}", async ct => StartTrials(await _hub.EndTrialAndRequestWork(fitted, FreeCapacity(), ct)));
    }

    private async Task FlushLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var trial in _running.Values)
                {
                    await FlushAsync(trial);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown; the final flush happens as each trial ends.
        }
    }

    /// <summary>
    /// Queues a trial's buffered metrics and log lines in batches that each fit one hub message. Completes once they are
    /// queued, after any flush of the trial already under way: a report queued next follows them all.
    /// </summary>
    private Task FlushAsync(RunningTrial trial) => trial.FlushAsync((points, lines) => PostBatches(trial.RunId, points, lines));

    private void PostBatches(long runId, List<MetricReportPoint> points, List<string> lines)
    {
        var batch = new List<MetricReportPoint>();
        var bytes = 0;
        foreach (var point in points)
        {
            // Step, value, timestamp and the property names take under 100 bytes.
            var size = JsonSize.Estimate(point.Key) + 100;
            if (batch.Count > 0 && bytes + size > _options.MaxBatchBytes)
            {
                PostMetrics(runId, batch);
                batch = [];
                bytes = 0;
            }
            batch.Add(point);
            bytes += size;
        }
        if (batch.Count > 0)
        {
            PostMetrics(runId, batch);
        }
        var lineBatch = new List<string>();
        bytes = 0;
        foreach (var line in lines)
        {
            var size = JsonSize.Estimate(line) + 3;
            if (lineBatch.Count > 0 && bytes + size > _options.MaxBatchBytes)
            {
                PostLogs(runId, lineBatch);
                lineBatch = [];
                bytes = 0;
            }
            lineBatch.Add(line);
            bytes += size;
        }
        if (lineBatch.Count > 0)
        {
            PostLogs(runId, lineBatch);
        }
    }

    private void PostMetrics(long runId, List<MetricReportPoint> points)
    {
        var report = new MetricReport(runId, points);
        _sender.Post($"metrics of run {runId}", ct => _hub.ReportMetrics(report, ct));
    }

    private void PostLogs(long runId, List<string> lines)
    {
        var report = new LogLines(runId, lines);
        _sender.Post($"log lines of run {runId}", ct => _hub.ReportLogs(report, ct));
    }

    private async Task HeartbeatLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_heartbeatInterval, stoppingToken);
                if (_registered.Current is null)
                {
                    continue;
                }
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(_heartbeatInterval);
                await _hub.Heartbeat(new Heartbeat([.. _running.Keys]), timeout.Token);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or IOException or OperationCanceledException)
            {
                _logger.LogWarning("Heartbeat failed: {Error}", e.Message);
            }
        }
    }

    /// <summary>Stops every running trial, waits for them, and gives the reports a bounded time to reach the server.</summary>
    private async Task ShutdownAsync(CancellationTokenSource senderStop)
    {
        var trials = _running.Values.ToList();
        if (trials.Count > 0)
        {
            _logger.LogInformation("Shutting down: stopping {Count} running trial(s)", trials.Count);
        }
        foreach (var trial in trials)
        {
            trial.Stop(_shutdownReason);
        }
        using var deadline = new CancellationTokenSource(_options.StopGracePeriod + _options.ShutdownReportTimeout);
        try
        {
            while (!_running.IsEmpty || _sender.Pending > 0)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("Shutdown: {Pending} report(s) could not be sent to the server", _sender.Pending);
        }
        await senderStop.CancelAsync();
    }
}
