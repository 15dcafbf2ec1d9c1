using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Plotly alone, in a blank page of the same server with the app's own plotly build: what WebGL this Chromium has
/// (--disable-gpu leaves a software renderer, or none), and how long Plotly.newPlot takes for the trace kinds the
/// sweep page draws at its trial count (parcoords and scattergl are WebGL; scatter is SVG), next to a tenth of
/// them. These say which chart call a slow sweep page waits on, and what a cheaper drawing would cost.
/// </summary>
internal static class UiPlotlyProbe
{
    private const string Script = """
        async n => {
          const canvas = document.createElement('canvas');
          const gl = canvas.getContext('webgl2') || canvas.getContext('webgl');
          let renderer = 'none';
          if (gl) {
            const info = gl.getExtension('WEBGL_debug_renderer_info');
            renderer = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
          }
          let seed = 12345;
          const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
          const column = count => Array.from({ length: count }, rand);
          const cases = {
            parcoords: count => [{ type: 'parcoords', dimensions: Array.from({ length: 7 }, (_, i) => ({ label: 'd' + i, values: column(count) })), line: { color: column(count), colorscale: 'Viridis', showscale: true } }],
            scattergl: count => [{ type: 'scattergl', mode: 'markers', x: column(count), y: column(count), marker: { size: 5 } }],
            scatter_svg: count => [{ type: 'scatter', mode: 'markers', x: column(count), y: column(count), marker: { size: 5 } }],
          };
          const result = { renderer, times: {} };
          for (const [name, make] of Object.entries(cases)) {
            for (const count of [n, Math.max(1, Math.round(n / 10))]) {
              const div = document.createElement('div');
              div.style.width = '1200px';
              div.style.height = '380px';
              document.body.appendChild(div);
              const traces = make(count);
              const start = performance.now();
              try {
                await Plotly.newPlot(div, traces, { margin: { l: 60, r: 60, t: 40, b: 40 } }, { responsive: false });
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                result.times[name + '_' + count] = performance.now() - start;
              } catch (e) {
                result.times[name + '_' + count] = -1;
              }
              Plotly.purge(div);
              div.remove();
            }
          }
          return JSON.stringify(result);
        }
        """;

    public static async Task<IReadOnlyList<string>> MeasureAsync(IBrowser browser, Uri baseUri, int trials)
    {
        await using var context = await browser.NewContextAsync(UiPageLoader.ContextOptions);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(300_000);
        await page.GotoAsync(new Uri(baseUri, "healthz").ToString());
        await page.SetContentAsync("<!DOCTYPE html><html><body></body></html>");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = new Uri(baseUri, "lib/plotly/plotly.min.js").ToString() });
        var json = await page.EvaluateAsync<string>(Script, trials);
        using var doc = JsonDocument.Parse(json);
        var renderer = doc.RootElement.GetProperty("renderer").GetString() ?? "";
        var times = string.Join(' ', doc.RootElement.GetProperty("times").EnumerateObject()
            .Select(t => $"{t.Name}_ms={(t.Value.GetDouble() < 0 ? "failed" : t.Value.GetDouble().ToString("F0", CultureInfo.InvariantCulture))}"));
        return [$"phase=plotly_probe webgl_renderer=\"{renderer.Replace("\"", "'", StringComparison.Ordinal)}\" {times}"];
    }
}
