namespace ExperimentHub.Bench;

/// <summary>
/// One benchmark, run by name (<c>dotnet run -c Release --project bench/ExperimentHub.Bench -- NAME</c>).
/// It prints lines <c>NAME: key=value ...</c> with figures as ratios against a baseline measured in the same run,
/// the summary line last. Benchmarks never assert: the figures go in closing notes.
/// </summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
