using System.Reflection;
using ExperimentHub.Bench;

var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length > 0 ? benchmarks.Find(b => b.Name == args[0]) : null;
if (chosen is null)
{
    Console.Error.WriteLine(args.Length > 0 ? $"unknown benchmark '{args[0]}'" : "usage: ExperimentHub.Bench <name> [options]");
    foreach (var b in benchmarks)
    {
        Console.Error.WriteLine($"  {b.Name,-16}{b.Description}");
    }
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    await chosen.RunAsync(args.Skip(1).ToList(), cts.Token);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    // A mistyped option: one line that names it, not a stack trace. Reading past the last argument (an option without
    // its value) shows as the argument list's index out of range.
    Console.Error.WriteLine($"{chosen.Name}: {(e is ArgumentOutOfRangeException { ParamName: "index" } ? "an option is missing its value" : e.Message)}");
    return 2;
}
return 0;
