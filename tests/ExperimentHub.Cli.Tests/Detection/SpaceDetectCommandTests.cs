using System.Text;
using System.Text.Json;
using ExperimentHub.Cli.Commands;
using ExperimentHub.Cli.Tests.Commands;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;

namespace ExperimentHub.Cli.Tests.Detection;

public sealed class SpaceDetectCommandTests : IDisposable
{
    private readonly SpecFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Prints_a_valid_spec_with_each_parameters_source_line_as_a_comment()
    {
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", DetectionCorpus.PathOf("keras_functional.py"));

        Assert.True(code == SweepExitCodes.Ok, cli.Error);
        var parsed = SweepSpecParser.ParseYaml(cli.Output);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        var spec = parsed.Spec!;
        Assert.Equal(["learning_rate", "batch", "dense_units_1", "dense_activation_1", "dropout_rate", "dense_units_2", "dense_activation_2", "epochs"],
            spec.Space.Parameters.Select(p => p.Name));
        Assert.Equal(ParameterDefinition.Float("learning_rate", 1e-5, 0.1, log: true), spec.Space.Parameters[0]);
        Assert.Equal(["python3", "keras_functional_ehub.py"], spec.Command);
        Assert.Contains("keras_functional.py:5: LEARNING_RATE = 3e-4  (used on line 17)  [Adam.learning_rate = 0.0003]", cli.Output, StringComparison.Ordinal);
        Assert.Contains("# Skipped, not searched:", cli.Output, StringComparison.Ordinal);
        Assert.Contains(":12:24: Dense.units: the file's last Dense layer", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_script_writes_the_rewritten_script_that_the_spec_runs()
    {
        var output = Path.Combine(Path.GetDirectoryName(_files.Write("placeholder", "")!)!, "trial", "svc_trial.py");
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", DetectionCorpus.PathOf("sklearn_pipeline_svc.py"), "--write-script", output,
            "--metric", "accuracy", "--trials", "7", "--python", "/usr/bin/python3");

        Assert.True(code == SweepExitCodes.Ok, cli.Error);
        var rewritten = await File.ReadAllTextAsync(output);
        Assert.Contains("SVC(C=_ehub_param(\"svc_C\", 10.0), gamma=_ehub_param(\"svc_gamma\", 0.001), kernel=_ehub_param(\"svc_kernel\", \"rbf\"))", rewritten, StringComparison.Ordinal);
        var spec = SweepSpecParser.ParseYaml(cli.Output).Spec!;
        Assert.Equal(["/usr/bin/python3", "svc_trial.py"], spec.Command);
        Assert.Equal(Path.GetDirectoryName(output), spec.Workdir);
        Assert.Equal(("accuracy", Core.Trials.Goal.Maximize), (spec.Objectives[0].Metric, spec.Objectives[0].Goal));
        Assert.Equal(7, spec.Budget.Trials);
        Assert.Contains($"wrote {output}: 3 value(s)", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_holds_the_parameters_the_skipped_constructs_the_spec_and_the_rewritten_script()
    {
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", DetectionCorpus.PathOf("torch_mlp_module.py"), "--json");

        Assert.True(code == SweepExitCodes.Ok, cli.Error);
        using var json = JsonDocument.Parse(cli.Output);
        var root = json.RootElement;
        var width = root.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "linear_out_features_1");
        Assert.Equal(256, width.GetProperty("value").GetInt32());
        Assert.Equal("int", width.GetProperty("kind").GetString());
        Assert.Equal([13, 15], width.GetProperty("uses").EnumerateArray().Select(u => u.GetInt32()));
        Assert.Equal("out_features", root.GetProperty("skipped")[0].GetProperty("argument").GetString());
        Assert.True(SweepSpecParser.ParseYaml(root.GetProperty("spec").GetString()!).IsValid);
        // The width is written in both layers: out_features of one, in_features of the next.
        Assert.Contains("nn.Linear(_ehub_param(\"linear_out_features_1\", 256), _ehub_param(\"linear_out_features_2\", 64))",
            root.GetProperty("rewrittenScript").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Syntax_error_is_reported_with_its_line_and_column()
    {
        var script = _files.Write("broken.py", "import keras\n\ndef build(:\n    pass\n");
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", script);

        Assert.Equal(SweepExitCodes.Usage, code);
        Assert.Contains($"error: {script}:3:11: syntax error: ", cli.Error, StringComparison.Ordinal);
        Assert.Empty(cli.Output);
    }

    [Theory]
    [InlineData("train.js", "console.log('not python');\n")]
    [InlineData("notes.txt", "units = 64\n")]
    public async Task File_that_is_not_python_is_refused(string name, string text)
    {
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", _files.Write(name, text));

        Assert.Equal(SweepExitCodes.Usage, code);
        Assert.Contains($"{name} is not a Python script", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_file_named_py_is_refused()
    {
        var script = _files.Write("model.py", "");
        await File.WriteAllBytesAsync(script, [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00, 0x00, 0xff]);
        var cli = new SweepCliHarness();

        Assert.Equal(SweepExitCodes.Usage, await cli.RunAsync("space", "detect", script));
        Assert.Contains("model.py is not a Python script: it holds binary data", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_with_a_python_shebang_and_no_extension_is_read()
    {
        var script = _files.Write("train", "#!/usr/bin/env python3\nfrom sklearn.svm import SVC\nSVC(C=2.0)\n");
        var cli = new SweepCliHarness();

        Assert.Equal(SweepExitCodes.Ok, await cli.RunAsync("space", "detect", script));
        Assert.Contains("\"svc_C\": {type: float, min: 0.001, max: 1000.0, log: true}", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_is_only_read_never_run()
    {
        var folder = Path.GetDirectoryName(_files.Write("placeholder", ""))!;
        var marker = Path.Combine(folder, "ran");
        // Were the script, or a module beside it that shadows one the detector uses, ever run, the marker would exist.
        var shadow = $"open({JsonSerializer.Serialize(marker)}, 'w').write('shadow')\n";
        _files.Write("ast.py", shadow);
        _files.Write("json.py", shadow);
        _files.Write("sitecustomize.py", shadow);
        var script = _files.Write("train.py", $"""
            import os
            from sklearn.ensemble import RandomForestClassifier
            open({JsonSerializer.Serialize(marker)}, "w").write("script")
            os.system("touch " + {JsonSerializer.Serialize(marker)})
            model = RandomForestClassifier(n_estimators=30)
            """);
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", script, "--write-script", Path.Combine(folder, "train_ehub.py"));

        Assert.True(code == SweepExitCodes.Ok, cli.Error);
        Assert.Contains("random_forest_classifier_n_estimators", cli.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "the script or a module beside it was run");
    }

    [Fact]
    public async Task Missing_python_is_a_clear_error()
    {
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", DetectionCorpus.PathOf("keras_functional.py"), "--python", "/nonexistent/python3");

        Assert.Equal(SweepExitCodes.Failed, code);
        Assert.Contains("/nonexistent/python3 could not be started", cli.Error, StringComparison.Ordinal);
        Assert.Contains("--python PATH", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_table_adds_a_layer_and_its_rows_win_over_the_shipped_ones()
    {
        var table = _files.Write("mine.csv", """
            layer,parameter,distribution,position,base_class,type,min,max,integer,choices
            ResidualBlock,width,log-uniform,0,mylib.blocks,number,4,64,true,
            Dropout,rate,uniform,0,keras.layers,number,0.1,0.3,false,
            """);
        var script = _files.Write("train.py", """
            from keras import layers
            from mylib.blocks import ResidualBlock as Block
            body = [Block(16), layers.Dropout(0.2)]
            """);
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", script, "--metadata", table);

        Assert.True(code == SweepExitCodes.Ok, cli.Error);
        var space = SweepSpecParser.ParseYaml(cli.Output).Spec!.Space;
        Assert.Equal(
            [ParameterDefinition.Int("residual_block_width", 4, 64, log: true), ParameterDefinition.Float("dropout_rate", 0.1, 0.3)],
            space.Parameters);
    }

    [Fact]
    public async Task Bad_table_is_reported_with_its_file_and_line()
    {
        var table = _files.Write("bad.csv", "layer,parameter,distribution,position,base_class,type,min,max,integer,choices\nDense,units,gaussian,0,keras.layers,number,1,2,true,\n");
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", DetectionCorpus.PathOf("keras_functional.py"), "--metadata", table);

        Assert.Equal(SweepExitCodes.Usage, code);
        Assert.Contains($"{table}:2: distribution must be one of uniform, log-uniform, choice, not 'gaussian'", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_without_hyperparameters_says_so()
    {
        var cli = new SweepCliHarness();

        var code = await cli.RunAsync("space", "detect", _files.Write("hello.py", "print('hello')\n"));

        Assert.Equal(SweepExitCodes.Failed, code);
        Assert.Contains("hello.py: no hyperparameters found", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_over_the_script_itself_is_refused()
    {
        var script = _files.Write("train.py", "from sklearn.svm import SVC\nSVC(C=2.0)\n");
        var cli = new SweepCliHarness();

        Assert.Equal(SweepExitCodes.Usage, await cli.RunAsync("space", "detect", script, "--write-script", script));
        Assert.Contains("would overwrite the script itself", cli.Error, StringComparison.Ordinal);
        Assert.Equal("from sklearn.svm import SVC\nSVC(C=2.0)\n", await File.ReadAllTextAsync(script, Encoding.UTF8));
    }
}
