using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Pages;

public sealed class AgentsPage(IPage page) : DashboardPage(page)
{
    public Task OpenAsync() => GoAsync("/agents");

    public ILocator Grid => Page.GetByTestId("agents-grid");

    public ILocator Empty => Page.GetByTestId("agents-empty");
}
