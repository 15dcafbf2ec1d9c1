using System.Diagnostics;
using System.Globalization;
using ExperimentHub.Server.Storage;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Artifact throughput and memory: a large non-seekable upload and its download through the local store, against a
/// plain file copy of the same bytes; and through the S3 store when <c>--s3-url URL --bucket NAME</c> are given
/// (s3rver's key S3RVER unless <c>--access-key</c>/<c>--secret-key</c>). Allocated bytes show that bodies stream.
/// </summary>
internal sealed class ArtifactsBenchmark : IBenchmark
{
    private const double MiB = 1024 * 1024;

    public string Name => "artifacts";

    public string Description => "artifact store upload/download MB/s and memory (--mb N, --s3-url URL --bucket NAME)";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var megabytes = int.Parse(Option(args, "--mb") ?? "256", CultureInfo.InvariantCulture);
        var size = megabytes * 1024L * 1024L;
        var root = Path.Combine(Path.GetTempPath(), $"ehub-bench-artifacts-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            // Baseline: the same bytes copied to a plain file, no store in between.
            var baseline = await TimeAsync(async () =>
            {
                await using var file = new FileStream(Path.Combine(root, "baseline.bin"), FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
                await new RepeatedBytesStream(size).CopyToAsync(file, 256 * 1024, cancellationToken);
                file.Flush(flushToDisk: true);
            });
            Print("baseline", "file_copy", size, baseline.Seconds, baseline.AllocatedBytes);

            var local = new LocalArtifactStore(Path.Combine(root, "store"));
            var (write, read) = await MeasureStoreAsync(local, size, cancellationToken);
            Print("local", "write", size, write.Seconds, write.AllocatedBytes);
            Print("local", "read", size, read.Seconds, read.AllocatedBytes);
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"artifacts: size_mb={megabytes} local_write_mbps={size / MiB / write.Seconds:F0} local_read_mbps={size / MiB / read.Seconds:F0} local_write_vs_file_copy={baseline.Seconds / write.Seconds:F2} local_write_allocated_mb={write.AllocatedBytes / MiB:F1}");

            if (Option(args, "--s3-url") is { } url)
            {
                using var s3 = new S3ArtifactStore(new S3ArtifactStoreOptions
                {
                    ServiceUrl = url,
                    Bucket = Option(args, "--bucket") ?? "bench",
                    AccessKey = Option(args, "--access-key") ?? "S3RVER",
                    SecretKey = Option(args, "--secret-key") ?? "S3RVER",
                    ForcePathStyle = true,
                    CreateBucketIfMissing = true,
                });
                var (s3Write, s3Read) = await MeasureStoreAsync(s3, size, cancellationToken);
                Print("s3", "write", size, s3Write.Seconds, s3Write.AllocatedBytes);
                Print("s3", "read", size, s3Read.Seconds, s3Read.AllocatedBytes);
                summary += string.Create(CultureInfo.InvariantCulture,
                    $" s3_write_mbps={size / MiB / s3Write.Seconds:F0} s3_read_mbps={size / MiB / s3Read.Seconds:F0} s3_write_allocated_mb={s3Write.AllocatedBytes / MiB:F1}");
            }

            Console.WriteLine(summary);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<((double Seconds, long AllocatedBytes) Write, (double Seconds, long AllocatedBytes) Read)> MeasureStoreAsync(IArtifactStore store, long size, CancellationToken cancellationToken)
    {
        // A small round first, so JIT and connection set-up stay out of the figures.
        await store.WriteAsync("warmup.bin", new RepeatedBytesStream(1 << 20), cancellationToken);
        var write = await TimeAsync(() => store.WriteAsync("bench/large.bin", new RepeatedBytesStream(size), cancellationToken));
        var read = await TimeAsync(async () =>
        {
            await using var stream = await store.OpenReadAsync("bench/large.bin", cancellationToken)
                                     ?? throw new InvalidOperationException("The artifact just written is missing.");
            await stream.CopyToAsync(Stream.Null, 256 * 1024, cancellationToken);
        });
        await store.DeleteAsync("bench/large.bin", cancellationToken);
        await store.DeleteAsync("warmup.bin", cancellationToken);
        return (write, read);
    }

    private static async Task<(double Seconds, long AllocatedBytes)> TimeAsync(Func<Task> action)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        await action();
        stopwatch.Stop();
        return (stopwatch.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static void Print(string store, string operation, long size, double seconds, long allocated) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"artifacts: store={store} op={operation} size_mb={size / MiB:F0} seconds={seconds:F3} mbps={size / MiB / seconds:F0} allocated_mb={allocated / MiB:F1}"));

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }
}
