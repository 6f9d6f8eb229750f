using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;
using TnAcme.Validation.AuthorityToken;
using TnAcme.Validation.Tests.AuthorityToken.Support;

namespace TnAcme.Validation.Tests.AuthorityToken;

/// <summary>Hostile input never escapes as anything but <see cref="AuthorityTokenException"/>. No network: x5u is served from memory.</summary>
public sealed class AuthorityTokenFuzzTests
{
    private static readonly TestTokenAuthority Authority = new("Fuzz");
    private static readonly AuthorityTokenVerifier Verifier = new(
        new AuthorityTokenOptions { TrustAnchors = new X509Certificate2Collection(Authority.PublicRoot()), RequireSingleUseJti = false },
        new StaticX5uFetcher(Authority.Signer, Authority.Root));

    private static readonly Uri X5u = new("https://sti-pa.example/cert.pem");

    [Property(MaxTest = 500)]
    public async Task Random_strings_fail_only_with_AuthorityTokenException(string? input) =>
        await VerifyOrFailCleanlyAsync(input ?? string.Empty);

    [Property(MaxTest = 500)]
    public async Task Random_three_part_tokens_fail_only_with_AuthorityTokenException(byte[] header, byte[] payload, byte[] signature) =>
        await VerifyOrFailCleanlyAsync(
            $"{Stir.Base64Url.Encode(header ?? [])}.{Stir.Base64Url.Encode(payload ?? [])}.{Stir.Base64Url.Encode(signature ?? [])}");

    [Property(MaxTest = 500)]
    public async Task Mutated_tokens_fail_only_with_AuthorityTokenException(NonNegativeInt position, char replacement, byte operation, bool useX5c)
    {
        JsonObject header = useX5c ? TokenMinter.HeaderX5c(Authority.Signer) : TokenMinter.Header(X5u);
        string token = TokenMinter.Sign(header, TokenMinter.Payload(), Authority.SignerKey);
        await VerifyOrFailCleanlyAsync(Mutate(token, position.Get, replacement, operation));
    }

    [Property(MaxTest = 500)]
    public async Task Validly_signed_garbage_JSON_fails_only_with_AuthorityTokenException(NonNegativeInt position, char replacement, byte operation, bool inHeader)
    {
        string header = TokenMinter.Header(X5u).ToJsonString();
        string payload = TokenMinter.Payload().ToJsonString();
        string token = inHeader
            ? TokenMinter.SignRaw(Mutate(header, position.Get, replacement, operation), payload, Authority.SignerKey)
            : TokenMinter.SignRaw(header, Mutate(payload, position.Get, replacement, operation), Authority.SignerKey);
        await VerifyOrFailCleanlyAsync(token);
    }

    [Property(MaxTest = 200)]
    public async Task Validly_signed_claims_of_any_JSON_type_fail_only_with_AuthorityTokenException(byte claim, byte kind, string? text, double number)
    {
        string[] names = ["exp", "nbf", "iat", "jti", "atc", "iss"];
        string[] atcNames = ["tktype", "tkvalue", "fingerprint", "ca"];
        JsonNode? value = (kind % 6) switch
        {
            0 => text,
            1 => double.IsFinite(number) ? JsonValue.Create(number) : null,
            2 => JsonValue.Create(kind % 2 == 0),
            3 => null,
            4 => new JsonArray(JsonValue.Create(text)),
            _ => new JsonObject { ["x"] = text },
        };
        JsonObject payload = TokenMinter.Payload();
        int index = claim % (names.Length + atcNames.Length);
        if (index < names.Length)
        {
            payload[names[index]] = value;
        }
        else
        {
            payload["atc"]![atcNames[index - names.Length]] = value;
        }

        await VerifyOrFailCleanlyAsync(TokenMinter.Sign(TokenMinter.Header(X5u), payload, Authority.SignerKey));
    }

    [Fact]
    public async Task Lone_surrogate_escape_in_a_claim_fails_Malformed()
    {
        string payload = TokenMinter.Payload().ToJsonString().Replace("\"jti\":\"", "\"jti\":\"\\ud800", StringComparison.Ordinal);
        AuthorityTokenException ex = await Assert.ThrowsAsync<AuthorityTokenException>(
            () => Verifier.VerifyAsync(TokenMinter.SignRaw(TokenMinter.Header(X5u).ToJsonString(), payload, Authority.SignerKey), TokenMinter.Expectation()));
        Assert.Equal(AuthorityTokenCheck.Malformed, ex.Check);
    }

    [Fact]
    public async Task The_unmutated_tokens_verify()
    {
        foreach (JsonObject header in new[] { TokenMinter.Header(X5u), TokenMinter.HeaderX5c(Authority.Signer) })
        {
            using VerifiedAuthorityToken token = await Verifier.VerifyAsync(
                TokenMinter.Sign(header, TokenMinter.Payload(), Authority.SignerKey), TokenMinter.Expectation());
            Assert.Equal(TokenMinter.Spc818H, token.TnAuthList);
        }
    }

    private static string Mutate(string text, int position, char replacement, byte operation)
    {
        int at = text.Length == 0 ? 0 : position % text.Length;
        return (operation % 5) switch
        {
            0 => text[..at] + replacement + text[Math.Min(text.Length, at + 1)..],
            1 => text.Length == 0 ? text : text.Remove(at, 1),
            2 => text.Insert(at, replacement.ToString()),
            3 => text[..at],
            _ => text[..at] + text[at..].ToUpperInvariant(),
        };
    }

    private static async Task VerifyOrFailCleanlyAsync(string token)
    {
        try
        {
            (await Verifier.VerifyAsync(token, TokenMinter.Expectation())).Dispose();
        }
        catch (AuthorityTokenException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Detail));
        }
    }
}
