namespace Ssl.Cloud.Trainer.Terminal;

/// <summary>One line saying how busy the machine was, printed above benchmark tables: numbers from a shared
/// machine mean little without it.</summary>
public static class MachineLoad
{
    public static string Describe()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[..3] : null;
        return $"machine: {Environment.ProcessorCount} core(s)"
            + (load is null ? "" : $", load average {string.Join(" ", load)} (1, 5, 15 min)");
    }
}
