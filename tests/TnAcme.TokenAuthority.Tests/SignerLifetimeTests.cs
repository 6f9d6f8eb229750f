using System.Text;
using TnAcme.Stir;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>Tokens never outlive the certificate that signed them.</summary>
public sealed class SignerLifetimeTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tnacme-ta-life-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Exp_is_capped_at_the_signer_end_and_an_expired_signer_refuses()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        using TokenAuthority ta = await TokenAuthority.OpenAsync(new TokenAuthorityOptions { Directory = _directory, BaseUri = new Uri("https://127.0.0.1:1"), Time = clock });
        var admin = new TokenAuthorityAdmin(_directory);
        var created = await admin.CreateAccountAsync("Carrier X");
        await admin.GrantAsync(created.Account.Id, [TnEntry.OfSpc("1234")]);
        byte[] body = Encoding.UTF8.GetBytes(TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), TokenApi.NewFingerprint()).ToJsonString());
        var signerEnd = new DateTimeOffset(ta.SignerCertificate.NotAfter.ToUniversalTime());

        clock.Now = signerEnd.AddHours(-1);
        var issued = Assert.IsType<TokenIssued>(await ta.RequestTokenAsync(created.Account.Id, created.ApiKey, body));
        Assert.Equal(signerEnd.ToUnixTimeSeconds(), issued.ExpiresAt.ToUnixTimeSeconds());

        clock.Now = signerEnd.AddSeconds(1);
        var refused = Assert.IsType<TokenRefused>(await ta.RequestTokenAsync(created.Account.Id, created.ApiKey, body));
        Assert.Equal(TokenRefusal.SignerExpired, refused.Reason);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
