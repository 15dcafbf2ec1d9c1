namespace ExperimentHub.Server.Components.Services.Models;

public sealed record GpuRow(int Index, string Model, long? MemoryMb);
