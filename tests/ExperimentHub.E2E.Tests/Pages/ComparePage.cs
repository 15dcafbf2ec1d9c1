using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

public sealed class ComparePage(IPage page) : DashboardPage(page)
{
    public Task OpenAsync(params long[] runIds) => GoAsync($"/runs/compare?ids={string.Join(',', runIds)}");

    public ILocator Chart => Page.Locator(".eh-chart[data-chart='line']");

    public ILocator Table => Page.GetByTestId("compare-table");

    /// <summary>The legend entries plotly drew, one per run.</summary>
    public ILocator LegendEntries => Chart.Locator(".legendtext");
}
