using TnAcme.Crypto.OpenSsl;

namespace TnAcme.Crypto.Tests;

public sealed class ImplementationChoiceTests
{
    [Fact]
    public void Linux_has_the_OpenSSL_implementation()
    {
        // The fast path must not go missing quietly where the server runs.
        Assert.Equal(OperatingSystem.IsLinux(), EcdsaPublicKey.IsSupported(EcdsaImplementation.OpenSsl));
        Assert.True(EcdsaPublicKey.IsSupported(EcdsaImplementation.DotNet));
    }

    [Fact]
    public void The_default_follows_the_environment_variable_and_availability()
    {
        string? setting = Environment.GetEnvironmentVariable(ImplementationChoice.EnvironmentVariable);
        Assert.Equal(ImplementationChoice.Resolve(setting, LibCrypto.IsAvailable), EcdsaPublicKey.DefaultImplementation);
    }

    [Theory]
    [InlineData(null, true, EcdsaImplementation.OpenSsl)]
    [InlineData("", true, EcdsaImplementation.OpenSsl)]
    [InlineData("openssl", true, EcdsaImplementation.OpenSsl)]
    [InlineData("dotnet", true, EcdsaImplementation.DotNet)]
    [InlineData(" DotNet ", true, EcdsaImplementation.DotNet)]
    [InlineData(null, false, EcdsaImplementation.DotNet)]
    [InlineData("openssl", false, EcdsaImplementation.DotNet)]
    public void Resolve(string? setting, bool available, EcdsaImplementation expected) =>
        Assert.Equal(expected, ImplementationChoice.Resolve(setting, available));

    [Fact]
    public void A_forced_OpenSSL_key_says_so_when_there_is_no_OpenSSL()
    {
        if (LibCrypto.IsAvailable)
        {
            return;
        }

        Assert.Throws<PlatformNotSupportedException>(() => EcdsaPublicKey.Create(EcdsaCurve.P256, new byte[32], new byte[32], EcdsaImplementation.OpenSsl));
    }
}
