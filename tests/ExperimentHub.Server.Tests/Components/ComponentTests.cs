using Bunit;
using Bunit.TestDoubles;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Events;
using ExperimentHub.Server.Notifications;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services (STACK.md: xunit 2 tests own the context rather than inherit it) and the
/// dashboard's services, with the given fakes for what pages read and change.
/// </summary>
internal static class ComponentTests
{
    public static BunitContext Create(FakeDashboardQueries? queries = null, FakeDashboardCommands? commands = null, FakeLaunchChecks? launchChecks = null,
        FakeComputeQueries? compute = null, IDashboardAccess? access = null)
    {
        // Pages read through the user's access, as in the app: an admin's unless the test signs in someone else.
        access ??= new AdminDashboardAccess();
        // bUnit's default of one second is a timing assertion: a page's first render in a fresh test process JITs
        // MudBlazor and Plotly.Blazor, which on a busy two-core machine takes longer. The waits still end as soon as
        // their condition holds.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        // Plotly.Blazor needs plotly.js in a browser: pages render its component as a stub (the chart tests read
        // what each chart hands it).
        ctx.ComponentFactories.AddStub<Plotly.Blazor.PlotlyChart>();
        // The nav menu shows the admin pages through AuthorizeView: an admin is signed in.
        ctx.AddAuthorization().SetAuthorized("admin").SetClaims(new System.Security.Claims.Claim(ExperimentHub.Server.Auth.ApiKeyClaims.Scope, "admin"));
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<IDashboardQueries>(new AuthorizedDashboardQueries(queries ?? new FakeDashboardQueries(), access));
        ctx.Services.AddSingleton<IDashboardCommands>(commands ?? new FakeDashboardCommands());
        ctx.Services.AddSingleton<ILaunchChecks>(launchChecks ?? new FakeLaunchChecks());
        ctx.Services.AddSingleton<IComputeQueries>(new AuthorizedComputeQueries(compute ?? new FakeComputeQueries(), access));
        ctx.Services.AddSingleton(access);
        ctx.Services.AddSingleton<ExperimentHub.Server.Notifications.INotificationQueries>(new FakeNotificationQueries());
        ctx.Services.AddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton<IExperimentEvents>(new ExperimentEvents(TimeProvider.System, NullLogger<ExperimentEvents>.Instance));
        ctx.Services.AddSingleton<ImportanceCache>();
        ctx.Services.AddSingleton<ISweepSpecChecker, SpecParserChecker>();
        ctx.Services.AddScoped<DashboardScript>();
        // Project notification defaults read a real store, made only when a component asks for them and disposed with
        // the context; migrated off the renderer's synchronization context, which this blocking call would deadlock.
        ctx.Services.AddSingleton(_ =>
        {
            var store = new TestStore();
            Task.Run(() => store.MigrateAsync()).GetAwaiter().GetResult();
            return store;
        });
        ctx.Services.AddSingleton(sp => new ProjectNotifyDefaults(sp.GetRequiredService<TestStore>().Contexts));
        return ctx;
    }

    /// <summary>The component rendered below MudBlazor's providers, as the layout holds them (popovers, dialogs, snackbars).</summary>
    public static IRenderedComponent<ProvidersHost> RenderHosted<TComponent>(this BunitContext ctx, params (string Name, object? Value)[] parameters)
        where TComponent : IComponent =>
        ctx.Render<ProvidersHost>(p => p.Add(h => h.ChildContent, (RenderFragment)(builder =>
        {
            builder.OpenComponent<TComponent>(0);
            builder.AddMultipleAttributes(1, parameters.Select(p => KeyValuePair.Create(p.Name, p.Value!)));
            builder.CloseComponent();
        })));
}
