using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Core.Tests.Validation;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("abc", true)]
    [InlineData("run-2026-11-27", true)]
    [InlineData("0-9", true)]
    [InlineData("ab", false)]
    [InlineData("ABC", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("a/b", false)]
    [InlineData("abc\n", false)]
    [InlineData("\nabc", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Identifiers_are_three_to_sixty_three_lowercase_letters_digits_or_dashes(string? value, bool valid) =>
        Assert.Equal(valid, Identifier.IsValid(value));

    [Fact]
    public void Sixty_three_characters_pass_and_sixty_four_do_not()
    {
        Assert.True(Identifier.IsValid(new string('a', 63)));
        Assert.False(Identifier.IsValid(new string('a', 64)));
    }

    [Fact]
    public void Require_names_the_parameter_and_the_rule()
    {
        var error = Assert.Throws<ArgumentException>(() => Identifier.Require("Bad Id", "runId"));

        Assert.Equal("runId", error.ParamName);
        Assert.Contains("3 to 63 characters of a-z, 0-9 and '-'", error.Message);
    }
}
