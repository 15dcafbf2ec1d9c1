using ExperimentHub.Server.Data.Services;

namespace ExperimentHub.Server.Tests.Data;

/// <summary>ProjectStore.Validate: the one set of rules the projects API and the dashboard's dialog both apply.</summary>
public sealed class ProjectRulesTests
{
    [Fact]
    public void A_valid_project_has_no_errors()
    {
        Assert.Empty(ProjectStore.Validate("vision-2", "Vision models", null));
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var errors = ProjectStore.Validate("has space", " ", new string('d', ProjectStore.MaxDescriptionLength + 1));
        Assert.Equal(["description", "key", "name"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("letters, digits", errors["key"], StringComparison.Ordinal);
        Assert.Equal("a project needs a name", errors["name"]);
    }

    [Fact]
    public void A_name_over_the_limit_is_refused()
    {
        var errors = ProjectStore.Validate("k", new string('n', ProjectStore.MaxNameLength + 1), null);
        Assert.Equal($"a project name has at most {ProjectStore.MaxNameLength} characters", Assert.Single(errors).Value);
    }
}
