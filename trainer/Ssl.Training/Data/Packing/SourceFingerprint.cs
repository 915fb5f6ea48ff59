using System.Security.Cryptography;
using System.Text;

namespace Ssl.Training.Data.Packing;

/// <summary>A cheap hash of what a source is: for files and folders, the sorted relative paths with their sizes and
/// modification times (archives count as files), no content read; for generated data, the spec and its options.
/// Any change to the source changes it, so it keys the pack cache.</summary>
internal static class SourceFingerprint
{
    public static string Of(string source, string extra)
    {
        var text = new StringBuilder().Append(extra).Append('\n');
        if (File.Exists(source))
        {
            Line(text, Path.GetFileName(source), new FileInfo(source));
        }
        else if (Directory.Exists(source))
        {
            var options = new EnumerationOptions
            {
                RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
                IgnoreInaccessible = true
            };
            foreach (var path in Directory.EnumerateFiles(source, "*", options).Order(StringComparer.Ordinal))
                Line(text, Path.GetRelativePath(source, path).Replace('\\', '/'), new FileInfo(path));
        }
        else
        {
            text.Append(source); // a generated dataset's spec
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    static void Line(StringBuilder text, string relative, FileInfo info) =>
        text.Append(relative).Append('\t').Append(info.Length).Append('\t').Append(info.LastWriteTimeUtc.Ticks)
            .Append('\n');
}
