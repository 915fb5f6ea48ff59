using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ssl.Cloud.Infra.Tests.Arm;

/// <summary>One template of the compiled deployment (main, or a module's nested template) and the values its
/// parent passes it. Expressions are not evaluated; <see cref="Follow"/> only walks <c>parameters('x')</c>,
/// <c>variables('x')</c> and module outputs back to where a value comes from, which is what the contract
/// needs.</summary>
sealed partial class ArmModule(string name, JsonObject template, ArmModule? parent, JsonObject? parameterValues)
{
    public string Name { get; } = name;
    public JsonObject Template { get; } = template;

    public ArmModule Module(string moduleName)
    {
        var deployment = Resources("Microsoft.Resources/deployments")
            .SingleOrDefault(r => (string?)r["name"] == moduleName)
            ?? throw new InvalidOperationException($"{Name}: no module '{moduleName}'");
        var properties = deployment["properties"]!.AsObject();
        return new ArmModule(moduleName, properties["template"]!.AsObject(), this,
            properties["parameters"]?.AsObject());
    }

    public IEnumerable<JsonObject> Resources(string type) =>
        Template["resources"]!.AsArray().Select(r => r!.AsObject()).Where(r => (string?)r["type"] == type);

    public JsonNode? Variable(string variable) => Template["variables"]?[variable];

    /// <summary>The parameter's value: what the parent passes, else the template's default.</summary>
    public (ArmModule Scope, JsonNode? Value) Parameter(string parameter)
    {
        if (parameterValues?[parameter] is JsonObject passed && passed.ContainsKey("value"))
            return (parent!, passed["value"]);
        if (parameterValues?[parameter] is { } expression)
            return (parent!, expression);
        return (this, Template["parameters"]?[parameter]?["defaultValue"]);
    }

    /// <summary>Walks a value back through parameters, variables and module outputs to a literal or to the
    /// expression that makes it.</summary>
    public (ArmModule Scope, JsonNode? Value) Follow(JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text)) return (this, value);
        if (WholeParameter().Match(text) is { Success: true } p)
        {
            var (scope, next) = Parameter(p.Groups[1].Value);
            return scope.Follow(next);
        }
        if (WholeVariable().Match(text) is { Success: true } var)
            return Follow(Variable(var.Groups[1].Value));
        if (ModuleOutput().Match(text) is { Success: true } output)
        {
            var module = Module(output.Groups[1].Value);
            return module.Follow(module.Template["outputs"]?[output.Groups[2].Value]?["value"]);
        }
        return (this, value);
    }

    /// <summary>The key in main's <c>identityNames</c> of the user-assigned identity an expression refers to
    /// (<c>resourceId('...userAssignedIdentities', parameters('identityName'))</c>), or null.</summary>
    public string? IdentityKey(string expression)
    {
        var match = IdentityParameter().Match(expression);
        if (!match.Success) return null;
        var (scope, value) = Parameter(match.Groups[1].Value);
        var named = scope.Follow(value).Value?.ToString() ?? "";
        return IdentityNamesKey().Match(named) is { Success: true } key ? key.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\[parameters\('(\w+)'\)\]$")]
    private static partial Regex WholeParameter();

    [GeneratedRegex(@"^\[variables\('(\w+)'\)\]$")]
    private static partial Regex WholeVariable();

    [GeneratedRegex(@"^\[reference\(.*'Microsoft\.Resources/deployments', '(\w+)'\), "
        + @"'[^']+'\)\.outputs\.(\w+)\.value\]$")]
    private static partial Regex ModuleOutput();

    [GeneratedRegex(@"'Microsoft\.ManagedIdentity/userAssignedIdentities', parameters\('(\w+)'\)\)")]
    private static partial Regex IdentityParameter();

    [GeneratedRegex(@"variables\('identityNames'\)\.(\w+)")]
    private static partial Regex IdentityNamesKey();
}
