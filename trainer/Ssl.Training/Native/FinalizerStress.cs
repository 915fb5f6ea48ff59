namespace Ssl.Training.Native;

/// <summary>A debug switch for native-lifetime bugs (issue 19). With <c>SSL_STRESS_COLLECT=1</c> the process runs a
/// background thread that collects the young generation and runs finalizers without pause. An object that a
/// native call still uses while no .NET variable holds it (an implicit Scalar, a temporary tensor outside a dispose
/// scope) is then freed during that call within a few steps instead of once in a few runs, so
/// <c>tests/stress.sh</c> finds such a bug with short runs. Training is slower under it; it changes no result.
/// </summary>
public static class FinalizerStress
{
    public const string SwitchVariable = "SSL_STRESS_COLLECT";

    /// <returns>Whether the switch is on and the thread was started.</returns>
    public static bool StartIfAsked()
    {
        if (Environment.GetEnvironmentVariable(SwitchVariable) != "1") return false;
        new Thread(() =>
        {
            while (true)
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true, Name = "finalizer stress" }.Start();
        return true;
    }
}
