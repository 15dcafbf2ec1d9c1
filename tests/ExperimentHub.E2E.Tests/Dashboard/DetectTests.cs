using System.Globalization;
using System.Text.Json;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.Testing;
using ExperimentHub.E2E.Tests.Pages;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

[Collection(DashboardCollection.Name)]
public sealed class DetectTests(DashboardFixture fixture)
{
    private const string Script = """
        import tensorflow as tf
        from tensorflow import keras

        EPOCHS = 12

        def build(units=128):
            model = keras.Sequential([
                keras.layers.Dense(units, activation="relu"),
                keras.layers.Dropout(0.2),
                keras.layers.Dense(10, activation="softmax"),
            ])
            model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss="sparse_categorical_crossentropy")
            return model

        model = build()
        model.fit(x, y, epochs=EPOCHS, batch_size=32)
        """;

    [Fact]
    public async Task Paste_edit_and_launch_gives_a_sweep_over_the_edited_parameters()
    {
        using var api = new ApiSeeder(fixture.Server);
        await api.CreateProjectAsync("detect-flow", "Detect flow");
        var page = new DetectPage(await fixture.NewPageAsync());
        await page.OpenAsync("detect-flow");

        await page.PasteAndDetectAsync(Script);
        await Assertions.Expect(page.Row("units")).ToContainTextAsync("def build(units=128):");
        await Assertions.Expect(page.Page.GetByTestId("rewritten-script")).ToContainTextAsync("EXPERIMENTHUB_PARAMS");

        // Six found (epochs, units, the activation, the dropout rate, the learning rate, the batch size): drop the
        // dropout rate, narrow units to 32..256, keep the rest as proposed.
        await Assertions.Expect(page.Grid.Locator("[data-param]")).ToHaveCountAsync(6);
        await page.Row("dropout_rate").GetByRole(AriaRole.Checkbox).UncheckAsync();
        await page.SetAsync("Minimum of units", "32");
        await page.SetAsync("Maximum of units", "256");
        await page.SetAsync("Trials", "6");
        await Screenshots.SaveAsync(page.Page, "detect-edited");
        await Assertions.Expect(page.Launch).ToBeEnabledAsync();
        await page.Launch.ClickAsync();

        var sweep = new SweepPage(page.Page);
        await Assertions.Expect(sweep.Status).ToHaveTextAsync("running", new() { IgnoreCase = true });
        var id = long.Parse(page.Page.Url[(page.Page.Url.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        using var http = fixture.Server.CreateAdminClient();
        var trials = await Eventually.ValueAsync(async () =>
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"api/v1/sweeps/{id}/trials"));
            var list = doc.RootElement.EnumerateArray().Select(t => t.GetProperty("params").Clone()).ToList();
            return list.Count > 0 ? list : null;
        }, "the sweep's first trials");
        foreach (var parameters in trials)
        {
            Assert.Equal(["adam_learning_rate", "batch_size", "dense_activation", "epochs", "units"],
                parameters.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.InRange(parameters.GetProperty("units").GetInt64(), 32, 256);
        }
        await sweep.StopAsync();
    }

    [Fact]
    public async Task A_script_with_a_syntax_error_is_refused_with_its_line()
    {
        var page = new DetectPage(await fixture.NewPageAsync());
        await page.OpenAsync();

        await page.PasteAndDetectAsync("import torch\nmodel = torch.nn.Linear(10,\n");

        await Assertions.Expect(page.Error).ToContainTextAsync("train.py:");
        await Assertions.Expect(page.Error).ToContainTextAsync("syntax error");
        await Assertions.Expect(page.Grid).ToHaveCountAsync(0);
    }
}
