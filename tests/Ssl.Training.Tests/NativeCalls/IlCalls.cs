using System.Reflection;
using System.Reflection.Emit;

namespace Ssl.Training.Tests.NativeCalls;

/// <summary>The methods a compiled method calls, read from its IL: <c>call</c>, <c>callvirt</c>, <c>newobj</c> and
/// <c>ldftn</c>/<c>ldvirtftn</c> (a lambda or method group handed on). Enough of an IL reader to follow calls; it
/// skips every other operand by its size.</summary>
public static class IlCalls
{
    static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value);

    const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every method and constructor declared in <paramref name="assembly"/>, compiler-generated ones
    /// (lambdas, local functions, async and iterator state machines) included.</summary>
    public static IEnumerable<MethodBase> MethodsOf(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(Declared).Cast<MethodBase>().Concat(t.GetConstructors(Declared)));

    /// <summary>The methods <paramref name="method"/> calls or takes the address of, in IL order.</summary>
    public static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (BadImageFormatException) { il = null; }
        if (il is null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? unchecked((short)(0xFE00 | il[i + 1])) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = Codes[code];
            if (op.OperandType == OperandType.InlineMethod)
            {
                MethodBase? callee;
                try { callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArgs, methodArgs); }
                catch (ArgumentException) { callee = null; }
                if (callee is not null) yield return callee;
            }
            i += OperandSize(op, il, i);
        }
    }

    static int OperandSize(OpCode op, byte[] il, int at) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
