using System.Runtime.CompilerServices;
using Ssl.Training.Native;

namespace Ssl.Training.Tests.NativeCalls;

/// <summary>Turns on <see cref="FinalizerStress"/> in the test host too when <c>SSL_STRESS_COLLECT=1</c>
/// (<c>tests/stress.sh</c> sets it), so that its runs of this project collect and finalize without pause.</summary>
static class StressSwitch
{
    [ModuleInitializer]
    internal static void Start() => FinalizerStress.StartIfAsked();
}
