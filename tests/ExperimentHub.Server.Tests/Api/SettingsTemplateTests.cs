using System.Reflection;
using System.Text.Json;
using ExperimentHub.Server.Api;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Demo;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Storage;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Api;

/// <summary>appsettings.template.json documents every bound setting, with the default the code really has.</summary>
public sealed class SettingsTemplateTests
{
    public static TheoryData<string, object> Sections() => new()
    {
        { "ExperimentHub", new StoreOptions() },
        { "ExperimentHub:Database", new DatabaseOptions() },
        { "ExperimentHub:Bootstrap", new BootstrapOptions() },
        { "ExperimentHub:RateLimits", new RateLimitOptions() },
        { "ExperimentHub:Demo", new DemoOptions() },
        { "ExperimentHub:Api", new ApiOptions() },
        { "ExperimentHub:Artifacts", new ArtifactStorageOptions() },
        { "ExperimentHub:Dispatch", new DispatchOptions() },
        { "ExperimentHub:LocalAgent", new LocalAgentOptions() },
        { "ExperimentHub:Jobs", new ExperimentHub.Server.Jobs.JobsOptions() },
        { "ExperimentHub:CatalogExport", new ExperimentHub.Server.Jobs.CatalogExportOptions() },
        { "ExperimentHub:Notifications", new ExperimentHub.Server.Notifications.NotificationsOptions() },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_setting_is_in_the_template_with_its_default_and_a_description(string section, object defaults)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("appsettings.template.json")));
        var node = doc.RootElement;
        foreach (var part in section.Split(':'))
        {
            Assert.True(node.TryGetProperty(part, out node), $"the template has no section {section}");
        }
        var problems = new List<string>();
        Check(node, defaults, section, problems);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static void Check(JsonElement node, object defaults, string path, List<string> problems)
    {
        foreach (var property in defaults.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = property.Name;
            var value = property.GetValue(defaults);
            if (!node.TryGetProperty(name, out var entry))
            {
                problems.Add($"{path}:{name} is missing");
                continue;
            }
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string))
            {
                Check(entry, value!, $"{path}:{name}", problems);
                continue;
            }
            if (!node.TryGetProperty(name + "_description", out _))
            {
                problems.Add($"{path}:{name} has no {name}_description");
            }
            var expected = value switch
            {
                null => "",
                bool b => b ? "true" : "false",
                string s => s,
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            var actual = entry.ValueKind switch
            {
                JsonValueKind.String => entry.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => entry.GetRawText(),
            };
            if (expected != actual)
            {
                problems.Add($"{path}:{name}: the template says {actual}, the code's default is {expected}");
            }
        }
    }
}
