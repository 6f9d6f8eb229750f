namespace TnAcme.Passport.Tests;

public sealed class TnCanonicalizerTests
{
    [Theory]
    [InlineData("+1 (202) 555-0100", "12025550100")]
    [InlineData("1.202.555.0100", "12025550100")]
    [InlineData("*67#", "*67#")]
    [InlineData("12025550100", "12025550100")]
    public void Visual_separators_are_dropped(string input, string canonical) =>
        Assert.Equal(canonical, TnCanonicalizer.Canonicalize(input));

    [Theory]
    [InlineData("")]
    [InlineData("+-()")]
    [InlineData("sip:alice@example.com")]
    [InlineData("1202555010x")]
    public void Non_numbers_are_refused(string input) =>
        Assert.False(TnCanonicalizer.TryCanonicalize(input, out _, out string? reason) || reason is null);
}
