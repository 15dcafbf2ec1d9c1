using Microsoft.AspNetCore.Components.Forms.Mapping;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>
/// The values of a form posted to a server-rendered page, as the endpoint's form mapper hands them to its
/// [SupplyParameterFromForm] properties (bUnit has no HTTP request to read them from).
/// </summary>
internal sealed class PostedForm(string name, IReadOnlyDictionary<string, string?> values) : IFormValueMapper
{
    public bool CanMap(Type valueType, string scopeName, string? formName) =>
        valueType == typeof(string) && string.Equals(formName, name, StringComparison.Ordinal);

    public void Map(FormValueMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (values.TryGetValue(context.ParameterName, out var value))
        {
            context.SetResult(value);
        }
    }
}
