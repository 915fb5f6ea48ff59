using ScottPlot;
using Ssl.Training.IO;

namespace Ssl.Training.Reports;

/// <summary>The typeface of the plots' text. SkiaSharp's NoDependencies native asset has no fontconfig, so on Linux
/// it finds no system font and ScottPlot silently draws titles, ticks and legends as nothing (seen on Debian 12 with
/// fonts installed). DejaVu Sans (free licence, Reports/Fonts/DejaVuSans-LICENSE.txt) is embedded in this assembly
/// and registered from a file, so the plots have text on any machine, container images without fonts
/// included.</summary>
internal static class PlotFont
{
    public const string Name = "DejaVu Sans";

    static readonly Lazy<string> Registered = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(),
            $"ssl-cloud-{typeof(PlotFont).Assembly.ManifestModule.ModuleVersionId:N}-DejaVuSans.ttf");
        if (!File.Exists(path))
        {
            using var font = typeof(PlotFont).Assembly.GetManifestResourceStream("Ssl.Training.Reports.DejaVuSans.ttf")
                ?? throw new InvalidOperationException("The embedded plot font is missing from Ssl.Training.");
            AtomicFile.Write(path, font.CopyTo);
        }
        // One face for regular and bold: titles are bold, and an unmatched style would fall back to no text.
        Fonts.AddFontFile(Name, path, bold: false);
        Fonts.AddFontFile(Name, path, bold: true);
        Fonts.Default = Name;
        return path;
    });

    public static void EnsureRegistered() => _ = Registered.Value;
}
