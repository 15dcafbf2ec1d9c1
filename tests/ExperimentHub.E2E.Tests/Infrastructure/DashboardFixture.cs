using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>One real server and one Chromium shared by the dashboard tests; each test opens its own page.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ServerProcess? _server;
    private readonly List<string> _browserLog = [];
    private string? _signedIn;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync(new ServerOptions());
        (_playwright, _browser) = await Infrastructure.Browser.LaunchAsync();
        _signedIn = await SignInAsync();
    }

    /// <summary>Signs in once through the real form; every page's context starts from the cookies it left.</summary>
    private async Task<string> SignInAsync()
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl });
        var page = await context.NewPageAsync();
        await DashboardSignIn.SignInAsync(page, Server);
        return await context.StorageStateAsync();
    }

    /// <summary>A fresh browser page that is not signed in (for the sign-in page's own tests).</summary>
    public async Task<IPage> NewSignedOutPageAsync() => await NewPageAsync(Server, storageState: null);

    /// <summary>A fresh browser page at the server, signed in with the admin key, sized like a laptop screen.</summary>
    public Task<IPage> NewPageAsync() =>
        NewPageAsync(Server, _signedIn ?? throw new InvalidOperationException("The fixture has not signed in."));

    /// <summary>
    /// A fresh browser page at another server (a test's own, when what it does must not show on the shared one),
    /// signed in there with its admin key.
    /// </summary>
    public async Task<IPage> NewPageAsync(ServerProcess server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var page = await NewPageAsync(server, storageState: null);
        await DashboardSignIn.SignInAsync(page, server);
        return page;
    }

    /// <summary>A signed-in page whose system colour scheme is <paramref name="scheme"/>, at the given size.</summary>
    public Task<IPage> NewPageAsync(ColorScheme scheme, int width, int height) =>
        NewPageAsync(Server, _signedIn ?? throw new InvalidOperationException("The fixture has not signed in."), scheme, width, height);

    private async Task<IPage> NewPageAsync(ServerProcess server, string? storageState,
        ColorScheme scheme = ColorScheme.Light, int width = 1440, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            StorageState = storageState,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        // Assertions wait as long as actions: under CI's parallel test assemblies a 2-core machine needs more than
        // Playwright's default 5 s for a page's rows to arrive.
        Assertions.SetDefaultExpectTimeout(20_000);
        // Browser errors (a chart module that throws, a circuit that fails) go to the test output's browser.log.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                lock (_browserLog)
                {
                    _browserLog.Add($"{message.Type}: {message.Text}");
                }
            }
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_server is not null)
        {
            // The server's last lines, kept beside the screenshots for a failure to be read after the run.
            Directory.CreateDirectory(RepoPaths.TestOutput());
            await File.WriteAllTextAsync(RepoPaths.TestOutput("server.log"), _server.OutputTail);
            await File.WriteAllLinesAsync(RepoPaths.TestOutput("browser.log"), _browserLog);
            await _server.DisposeAsync();
        }
    }
}
