using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Data;

/// <summary>The <c>ExperimentHub</c> section's store settings.</summary>
public sealed class StoreOptions
{
    public const string Section = "ExperimentHub";

    /// <summary>The folder of the SQLite file (and of local artifacts); relative paths are from the working directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "ExperimentHub:DataDir must name a folder")]
    public string DataDir { get; set; } = "./data";

    public string DataDirectory => Path.GetFullPath(DataDir);

    public string DatabasePath => Path.Combine(DataDirectory, "experimenthub.db");
}
