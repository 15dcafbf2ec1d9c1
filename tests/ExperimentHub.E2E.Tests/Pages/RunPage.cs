using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

public sealed class RunPage(IPage page) : DashboardPage(page)
{
    public Task OpenAsync(long runId) => GoAsync($"/runs/{runId}");

    public ILocator Chart(string metric) => Page.Locator($"[data-metric='{metric}'] .eh-chart");

    public ILocator Parameters => Page.GetByTestId("run-params");

    public ILocator Summary => Page.GetByTestId("run-summary");
}
