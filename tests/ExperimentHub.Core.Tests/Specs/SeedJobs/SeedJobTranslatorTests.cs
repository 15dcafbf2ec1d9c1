using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Specs.SeedJobs;

/// <summary>The JSON job of seed 000 is recognised by its keys and translated; its errors name its own fields.</summary>
public class SeedJobTranslatorTests
{
    // The job of seed 000 (its comments removed), with a search space of ours.
    private const string SeedJob = """
        {
          "code_github": "https://github.com/example/optimizer_example.git",
          "command": "python model_script.py --data 'my data' ${args}",
          "dir": "path/in/repo/to/script",
          "install_script": "install.sh",
          "primary_result_key": "accuracy",
          "backend": "aws",
          "resources": {
            "instance_count": 10,
            "instance_type": "p3.8xlarge"
          },
          "optimizer": {"method": "bayes", "budget": 40},
          "search": {
            "C": {"type": "float", "min": 0.001, "max": 1000, "log": true},
            "kernel": {"values": ["rbf", "linear"]}
          },
          "model_storage": {
            "type": "s3",
            "bucket": "my-models",
            "model_dir": "saved_model",
            "clean_model_dir_flag": true
          }
        }
        """;

    [Fact]
    public void Seed_job_translates_into_a_sweep_spec()
    {
        var result = SweepSpecParser.Parse(SeedJob);
        var spec = SpecAssert.Valid(result);

        Assert.True(result.IsSeedJob);
        Assert.Equal("optimizer_example", spec.Name);
        Assert.Equal(["python", "model_script.py", "--data", "my data", "${args}"], spec.Command);
        Assert.Null(spec.Workdir);
        Assert.Equal(new CodeSpec("https://github.com/example/optimizer_example.git", null, "path/in/repo/to/script", ["sh", "install.sh"]), spec.Code);
        Assert.Equal([new Objective("accuracy", Goal.Maximize)], spec.Objectives);
        Assert.Equal(new ResourcesSpec { Backend = ComputeBackend.Ec2, Instances = 10, InstanceType = "p3.8xlarge" }, spec.Resources);
        Assert.Equal(SearchMethod.Bayes, spec.Method);
        Assert.Equal(40, spec.Budget.Trials);
        Assert.Equal(10, spec.Budget.Parallel);
        Assert.Equal(["C", "kernel"], spec.Space.Parameters.Select(p => p.Name));
        Assert.Equal(ParameterKind.Float, spec.Space["C"].Kind);
        Assert.Equal(new ArtifactsSpec("saved_model", Clean: true), spec.Artifacts);
    }

    [Fact]
    public void The_translation_reads_back_from_its_yaml()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.Parse(SeedJob));
        var again = SpecAssert.Valid(SweepSpecParser.ParseYaml(SweepSpecParser.ToYaml(spec)));
        Assert.Equal(SweepSpecParser.ToYaml(spec), SweepSpecParser.ToYaml(again));
        Assert.Equal(spec.Code, again.Code);
        Assert.Equal(spec.Artifacts, again.Artifacts);
        Assert.Equal(spec.Resources, again.Resources);
    }

    [Fact]
    public void A_goal_turns_the_primary_result_key_around_and_a_budget_mapping_keeps_its_parallel()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.Parse(Edit("\"primary_result_key\": \"accuracy\",", "\"primary_result_key\": \"loss\", \"goal\": \"minimize\", \"name\": \"mine\",")
            .Replace("\"budget\": 40", "\"budget\": {\"trials\": 12, \"parallel\": 2}", StringComparison.Ordinal)));
        Assert.Equal([new Objective("loss", Goal.Minimize)], spec.Objectives);
        Assert.Equal("mine", spec.Name);
        Assert.Equal((12, 2), (spec.Budget.Trials, spec.Budget.Parallel));
    }

    [Fact]
    public void Without_a_repository_dir_is_the_workdir()
    {
        var job = """
            {"command": "python3 train.py", "dir": "examples/synthetic", "primary_result_key": "score",
             "optimizer": {"method": "random", "budget": 3}, "search": {"x": {"type": "float", "min": 0, "max": 1}}}
            """;
        var spec = SpecAssert.Valid(SweepSpecParser.Parse(job));
        Assert.Equal("examples/synthetic", spec.Workdir);
        Assert.Null(spec.Code);
        Assert.Null(spec.Artifacts);
        Assert.Equal(ResourcesSpec.Default, spec.Resources);
        Assert.Equal(1, spec.Budget.Parallel);
    }

    [Fact]
    public void Unknown_keys_are_named_at_every_level()
    {
        var result = SweepSpecParser.Parse(Edit("\"backend\": \"aws\",", "\"backend\": \"aws\", \"gpu\": 1, \"parameters\": {},")
            .Replace("\"instance_type\"", "\"instance_typ\"", StringComparison.Ordinal)
            .Replace("\"bucket\"", "\"bukket\"", StringComparison.Ordinal));
        SpecAssert.HasError(result, "gpu", "unknown key 'gpu'", line: 7, column: 21);
        SpecAssert.HasError(result, "parameters", "give the parameters as 'search'");
        SpecAssert.HasError(result, "resources.instance_typ", "did you mean 'instance_type'?");
        SpecAssert.HasError(result, "model_storage.bukket", "did you mean 'bucket'?");
    }

    [Fact]
    public void An_unterminated_quote_in_the_command_is_refused_at_the_field()
    {
        var result = SweepSpecParser.Parse(Edit("--data 'my data'", "--data 'my data"));
        SpecAssert.HasError(result, "command", "the single quote at character 31 is never closed", line: 3, column: 14);
    }

    [Fact]
    public void Errors_of_the_translation_carry_the_jobs_field_names()
    {
        var result = SweepSpecParser.Parse(SeedJob
            .Replace("\"min\": 0.001", "\"min\": 2000", StringComparison.Ordinal)
            .Replace("\"bayes\"", "\"bayesian\"", StringComparison.Ordinal)
            .Replace("\"budget\": 40", "\"budget\": 0", StringComparison.Ordinal)
            .Replace("\"instance_count\": 10", "\"instance_count\": 0", StringComparison.Ordinal)
            .Replace("\"model_dir\": \"saved_model\"", "\"model_dir\": \"../outside\"", StringComparison.Ordinal)
            .Replace("\"clean_model_dir_flag\": true", "\"clean_model_dir_flag\": \"yes\"", StringComparison.Ordinal)
            .Replace("\"aws\"", "\"azure\"", StringComparison.Ordinal));
        SpecAssert.HasError(result, "search.C.min", "must be less than max", line: 14);
        SpecAssert.HasError(result, "optimizer.method", "did you mean 'bayes'?");
        SpecAssert.HasError(result, "optimizer.budget", "must be between 1 and");
        SpecAssert.HasError(result, "resources.instance_count", "must be between 1 and 10000");
        SpecAssert.HasError(result, "model_storage.model_dir", "climbs out with '..'");
        SpecAssert.HasError(result, "model_storage.clean_model_dir_flag", "must be true or false");
        SpecAssert.HasError(result, "backend", "must be one of aws, ec2, agents, slurm");
        Assert.DoesNotContain(result.Errors, e => e.Path.StartsWith("budget", StringComparison.Ordinal) || e.Path.StartsWith("optimizer.budget.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_placeholder_in_the_command_must_name_a_search_parameter()
    {
        SpecAssert.HasError(SweepSpecParser.Parse(Edit("${args}", "${nope}")), "command", "${nope} names no parameter", line: 3);
    }

    [Fact]
    public void Missing_fields_are_named()
    {
        var result = SweepSpecParser.Parse("""{"code_github": "/tmp/repo", "install_script": "sh 'x", "model_storage": {"type": "gcs"}}""");
        SpecAssert.HasError(result, "command", "is required");
        SpecAssert.HasError(result, "primary_result_key", "is required");
        SpecAssert.HasError(result, "optimizer", "is required");
        SpecAssert.HasError(result, "search", "is required");
        SpecAssert.HasError(result, "install_script", "never closed");
        SpecAssert.HasError(result, "model_storage.type", "must be one of s3, local");
        SpecAssert.HasError(result, "model_storage.model_dir", "is required");
    }

    [Fact]
    public void An_install_script_needs_a_repository()
    {
        var result = SweepSpecParser.Parse(SeedJob.Replace("\"code_github\": \"https://github.com/example/optimizer_example.git\",", "", StringComparison.Ordinal));
        SpecAssert.HasError(result, "install_script", "needs code_github");
    }

    [Fact]
    public void A_sweep_spec_in_json_is_not_taken_for_a_seed_job()
    {
        var result = SweepSpecParser.ParseJson("""
            {"name": "n", "command": ["python3", "t.py"], "objectives": [{"metric": "m", "goal": "minimize"}],
             "parameters": {"x": {"type": "float", "min": 0, "max": 1}}, "budget": {"trials": 2}}
            """);
        SpecAssert.Valid(result);
        Assert.False(result.IsSeedJob);
    }

    private static string Edit(string from, string to)
    {
        Assert.Contains(from, SeedJob, StringComparison.Ordinal);
        return SeedJob.Replace(from, to, StringComparison.Ordinal);
    }
}
