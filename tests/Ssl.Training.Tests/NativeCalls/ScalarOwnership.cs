using System.Reflection;
using TorchSharp;

namespace Ssl.Training.Tests.NativeCalls;

/// <summary>Finds calls that hand LibTorch a <see cref="Scalar"/> nobody owns. TorchSharp's methods read
/// <c>scalar.Handle</c> and then call native code without <c>GC.KeepAlive</c>: a Scalar made by an implicit
/// conversion (<c>x.mul(0.5)</c>, or TorchSharp's own <c>add(Tensor) =&gt; add(target, 1)</c>) is garbage from that
/// moment, and a collection that another thread triggers lets the finalizer free it while the native call still
/// reads it (<c>Expected false to be true ... toFloat at c10/core/Scalar.h</c>). Our code writes such arithmetic
/// through <c>Ssl.Training.Native.ScalarMath</c>, the one type that may make a Scalar.</summary>
public static class ScalarOwnership
{
    static readonly Assembly Torch = typeof(Scalar).Assembly;
    static readonly Dictionary<MethodBase, bool> Known = [];
    const string Owner = "Ssl.Training.Native.ScalarMath";

    /// <summary>Whether <paramref name="method"/> makes a Scalar that no variable of the caller holds: an implicit
    /// conversion to Scalar, or a TorchSharp method that (directly or through TorchSharp's own calls) makes one.
    /// </summary>
    public static bool MakesUnownedScalar(MethodBase method)
    {
        lock (Known)
        {
            if (IsImplicitScalar(method)) return true;
            if (method.Module.Assembly != Torch) return false;
            if (Known.TryGetValue(method, out var known)) return known;
            Known[method] = false; // a cycle adds nothing new
            var makes = IlCalls.Callees(method).Any(c => IsImplicitScalar(c) || IsToScalar(c)
                || (c.Module.Assembly == Torch && MakesUnownedScalar(c)));
            Known[method] = makes;
            return makes;
        }
    }

    static bool IsImplicitScalar(MethodBase m) =>
        m is MethodInfo { Name: "op_Implicit" } mi && mi.ReturnType == typeof(Scalar);

    static bool IsToScalar(MethodBase m) => m.Name == "ToScalar" && m.DeclaringType?.Assembly == Torch;

    /// <summary>"Type.Method calls X" for every call in <paramref name="assembly"/> that makes an unowned Scalar,
    /// or that makes a Scalar at all outside <c>ScalarMath</c>. A virtual TorchSharp method counts with the
    /// override in each TorchSharp type the assembly builds (<c>optimizer.step()</c> runs <c>SGD.step</c>), and a
    /// built TorchSharp module counts with its <c>forward</c>, which <c>module.call(x)</c> runs.</summary>
    public static IReadOnlyList<string> Violations(Assembly assembly)
    {
        var built = TorchTypesBuilt(assembly);
        var calls = IlCalls.MethodsOf(assembly).SelectMany(m => IlCalls.Callees(m)
            .SelectMany(c => Runs(c, built).Select(r => (Callee: c, Runs: r)))
            .Where(c => MakesUnownedScalar(c.Runs) || (IsToScalar(c.Runs) && !IsOwner(m)))
            .Select(c => c.Runs == c.Callee
                ? $"{Name(m)} calls {Name(c.Callee)}"
                : $"{Name(m)} calls {Name(c.Callee)}, which runs {Name(c.Runs)}"));
        var modules = built.Where(t => typeof(torch.nn.Module).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(f => f.Name == "forward" && f.DeclaringType?.Assembly == Torch && MakesUnownedScalar(f)))
            .Select(f => $"TorchSharp module {Name(f)} makes an unowned Scalar");
        return calls.Concat(modules).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>What a call to <paramref name="callee"/> may run: the method itself and, for a virtual TorchSharp
    /// method, its override in each of the <paramref name="built"/> types.</summary>
    static IEnumerable<MethodBase> Runs(MethodBase callee, IReadOnlyList<Type> built)
    {
        yield return callee;
        if (callee is not MethodInfo { IsVirtual: true } virtualMethod || callee.Module.Assembly != Torch) yield break;
        var root = virtualMethod.GetBaseDefinition();
        foreach (var type in built.Where(t => callee.DeclaringType!.IsAssignableFrom(t)))
        {
            var implementation = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .FirstOrDefault(x => x.GetBaseDefinition() == root && x.DeclaringType!.Assembly == Torch);
            if (implementation is not null && implementation != callee) yield return implementation;
        }
    }

    /// <summary>The concrete TorchSharp types <paramref name="assembly"/> constructs, directly or through a factory
    /// such as <c>nn.Linear(...)</c> or <c>optim.SGD(...)</c>.</summary>
    static IReadOnlyList<Type> TorchTypesBuilt(Assembly assembly) => IlCalls.MethodsOf(assembly)
        .SelectMany(IlCalls.Callees)
        .Where(c => c.Module.Assembly == Torch)
        .Select(c => c is ConstructorInfo ? c.DeclaringType : (c as MethodInfo)?.ReturnType)
        .OfType<Type>()
        .Where(t => t.Assembly == Torch && t is { IsAbstract: false, IsInterface: false })
        .Distinct()
        .ToList();

    static bool IsOwner(MethodBase m)
    {
        for (var t = m.DeclaringType; t is not null; t = t.DeclaringType)
            if (t.FullName == Owner) return true;
        return false;
    }

    static string Name(MethodBase m) => $"{m.DeclaringType?.FullName}.{m.Name}({string.Join(", ",
        m.GetParameters().Select(p => p.ParameterType.Name))})";
}
