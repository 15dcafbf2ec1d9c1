using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

/// <summary>code, artifacts and resources: parsed, written back, and refused at their paths.</summary>
public class ComputeSectionsTests
{
    private const string Base = """
        name: coded
        command: [python3, train.py, "${args}"]
        objectives: [{metric: score, goal: maximize}]
        parameters:
          x: {type: float, min: 0, max: 1}
        budget: {trials: 4, parallel: 2}

        """;

    [Fact]
    public void Every_field_is_read_and_written_back()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(Base + """
            code: {repo: "file:///srv/git/project.git", ref: v1.2, dir: train/, install: [pip, install, -r, requirements.txt]}
            artifacts: {model_dir: out/model, clean: true}
            resources: {backend: ec2, instances: 3, instance_type: g5.xlarge, spot: true, max_price: 0.5}
            """));
        Assert.Equal(new CodeSpec("file:///srv/git/project.git", "v1.2", "train", ["pip", "install", "-r", "requirements.txt"]), spec.Code);
        Assert.Equal(new ArtifactsSpec("out/model", true), spec.Artifacts);
        Assert.Equal(new ResourcesSpec { Backend = ComputeBackend.Ec2, Instances = 3, InstanceType = "g5.xlarge", Spot = true, MaxPrice = 0.5 }, spec.Resources);

        var again = SpecAssert.Valid(SweepSpecParser.ParseYaml(SweepSpecParser.ToYaml(spec)));
        Assert.Equal((spec.Code, spec.Artifacts, spec.Resources), (again.Code, again.Artifacts, again.Resources));
    }

    [Fact]
    public void Defaults_are_no_code_no_artifacts_and_the_agents()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(Base + "code: {repo: ../project}\nartifacts: {model_dir: model}\n"));
        Assert.Equal(new CodeSpec("../project", null, null, []), spec.Code);
        Assert.False(spec.Artifacts!.Clean);
        Assert.Equal(ComputeBackend.Agents, spec.Resources.Backend);
        Assert.DoesNotContain("resources", SweepSpecParser.ToYaml(spec), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code: {ref: main}", "code.repo", "is required")]
    [InlineData("code: {repo: --upload-pack=evil}", "code.repo", "must not start with '-'")]
    [InlineData("code: {repo: r, ref: 'main branch'}", "code.ref", "is not a branch, tag or commit name")]
    [InlineData("code: {repo: r, ref: -x}", "code.ref", "must not start with '-'")]
    [InlineData("code: {repo: r, dir: /abs}", "code.dir", "must be a relative path")]
    [InlineData("code: {repo: r, dir: a/../../b}", "code.dir", "climbs out with '..'")]
    [InlineData("code: {repo: r, install: []}", "code.install", "at least the program")]
    [InlineData("code: {repo: r, install: sh install.sh}", "code.install", "must be a list")]
    [InlineData("code: {repo: r, instal: [x]}", "code.instal", "did you mean 'install'?")]
    [InlineData("code: {repo: r}\nworkdir: w", "workdir", "give code.dir instead")]
    [InlineData("artifacts: {clean: true}", "artifacts.model_dir", "is required")]
    [InlineData("artifacts: {model_dir: m, clean: 1}", "artifacts.clean", "must be true or false")]
    [InlineData("resources: {backend: gke}", "resources.backend", "must be one of agents, ec2, slurm")]
    [InlineData("resources: {backend: ec2, instances: 0}", "resources.instances", "must be between 1 and 1000")]
    [InlineData("resources: {backend: ec2, max_price: 0}", "resources.max_price", "must be greater than 0")]
    public void Wrong_fields_are_refused_at_their_path(string section, string path, string message)
    {
        SpecAssert.HasError(SweepSpecParser.ParseYaml(Base + section + "\n"), path, message);
    }
}
