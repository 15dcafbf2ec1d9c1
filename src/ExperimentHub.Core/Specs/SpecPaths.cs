namespace ExperimentHub.Core.Specs;

/// <summary>Builds error paths: <c>parameters.C.min</c>, <c>objectives[0].goal</c>.</summary>
internal static class SpecPaths
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
