namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// Where Plotly.Blazor 7.2 loads plotly.js from, as its PlotlyJsInterop names them (a test compares them with the
/// package's): <see cref="PlotlyPreload"/> starts that same load early, through the package's own module, so that the
/// charts find plotly.js ready instead of loading it after their data arrives.
/// </summary>
internal static class PlotlyScript
{
    /// <summary>Plotly.Blazor's ES module; the browser keeps one instance per URL, so its "plotly ready" state is shared.</summary>
    public const string InteropPath = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";

    /// <summary>The plotly.js bundle Plotly.Blazor asks for (the build serves our bundle of the traces the charts draw at this path).</summary>
    public const string PlotlyPath = "./_content/Plotly.Blazor/plotly-3.7.0.min.js";

    /// <summary>The id of the script element the module adds; a second import with the same id and path reuses it.</summary>
    public const string ScriptId = "plotly-import";

    /// <summary>Our module beside Plotly.Blazor's: marks a chart drawn and forwards what the package does not.</summary>
    public const string MarksPath = "./js/charts/plotly-marks.js";
}
