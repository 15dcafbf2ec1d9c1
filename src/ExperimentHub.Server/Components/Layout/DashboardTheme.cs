using MudBlazor;

namespace ExperimentHub.Server.Components.Layout;

/// <summary>The dashboard's one theme: palette (light and dark) and typography. Pages take colours from it, never their own.</summary>
public static class DashboardTheme
{
    private static readonly string[] FontFamily = ["Roboto", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            Secondary = "#00897b",
            AppbarBackground = "#283593",
            AppbarText = "#ffffff",
            Background = "#f5f6fa",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.8)",
            Success = "#2e7d32",
            Info = "#1565c0",
            Warning = "#b26a00",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.62)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#4db6ac",
            AppbarBackground = "#1b1d2b",
            AppbarText = "rgba(255,255,255,0.9)",
            Background = "#12131a",
            Surface = "#1e2030",
            DrawerBackground = "#1b1d2b",
            DrawerText = "rgba(255,255,255,0.8)",
            Success = "#66bb6a",
            Info = "#64b5f6",
            Warning = "#ffb74d",
            Error = "#ef5350",
            TextPrimary = "rgba(255,255,255,0.9)",
            TextSecondary = "rgba(255,255,255,0.66)",
            LinesDefault = "rgba(255,255,255,0.14)",
            TableLines = "rgba(255,255,255,0.12)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily, FontSize = "0.875rem" },
            H5 = new H5Typography { FontFamily = FontFamily, FontSize = "1.5rem", FontWeight = "500" },
            H6 = new H6Typography { FontFamily = FontFamily, FontSize = "1.15rem", FontWeight = "500" },
            Subtitle1 = new Subtitle1Typography { FontFamily = FontFamily, FontSize = "1rem", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px", DefaultBorderRadius = "6px" },
    };
}
