using System.Net;
using TnAcme.Stir;

namespace TnAcme.TokenAuthority.Tests;

/// <summary>What a grant covers: ranges cover their sub-ranges and numbers; grants add up.</summary>
[Collection(TokenAuthorityCollection.Name)]
public sealed class GrantCoverageTests
{
    private readonly TokenAuthorityFixture _fixture;

    public GrantCoverageTests(TokenAuthorityFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Covered => new()
    {
        "tn:12025550100",
        "tn:12025550199",
        "range:12025550100+100",
        "range:12025550150+50",
        "range:12025550120+2",
    };

    [Theory]
    [MemberData(nameof(Covered))]
    public async Task A_range_grant_covers_its_sub_ranges_and_numbers(string requested)
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfRange("12025550100", 100));
        using HttpClient http = _fixture.NewHttpClient();
        var list = TnAuthList.Create(Grants.GrantSyntax.Parse(requested));
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(list, TokenApi.NewFingerprint()));
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    [Theory]
    [InlineData("tn:12025550099")]
    [InlineData("tn:12025550200")]
    [InlineData("tn:2025550150")]
    [InlineData("range:12025550199+2")]
    public async Task A_range_grant_covers_nothing_beside_it(string requested)
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfRange("12025550100", 100));
        using HttpClient http = _fixture.NewHttpClient();
        var list = TnAuthList.Create(Grants.GrantSyntax.Parse(requested));
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(list, TokenApi.NewFingerprint()));
        Assert.True(reply.Status == HttpStatusCode.Forbidden, reply.ToString());
    }

    [Fact]
    public async Task Adjacent_grants_together_cover_a_range_spanning_both()
    {
        var (id, key) = await _fixture.AccountAsync(false, TnEntry.OfRange("12025550100", 100), TnEntry.OfRange("12025550200", 100));
        using HttpClient http = _fixture.NewHttpClient();
        var list = TnAuthList.Create(TnEntry.OfRange("12025550150", 100), TnEntry.OfNumber("12025550299"));
        var reply = await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(list, TokenApi.NewFingerprint()));
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
    }

    [Fact]
    public async Task A_grant_made_while_the_server_runs_applies_at_once_and_a_revoked_one_stops()
    {
        var (id, key) = await _fixture.AccountAsync();
        using HttpClient http = _fixture.NewHttpClient();
        var list = TnAuthList.Create(TnEntry.OfSpc("4321"));
        Assert.Equal(HttpStatusCode.Forbidden, (await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(list, TokenApi.NewFingerprint()))).Status);

        await _fixture.Admin.GrantAsync(id, [TnEntry.OfSpc("4321")]);
        Assert.Equal(HttpStatusCode.OK, (await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(list, TokenApi.NewFingerprint()))).Status);

        await _fixture.Admin.RevokeAsync(id, [TnEntry.OfSpc("4321")]);
        Assert.Equal(HttpStatusCode.Forbidden, (await TokenApi.PostAsync(http, id, key, TokenApi.Wrapped(list, TokenApi.NewFingerprint()))).Status);
    }

    [Fact]
    public async Task A_reset_api_key_replaces_the_old_one()
    {
        var (id, oldKey) = await _fixture.AccountAsync(false, TnEntry.OfSpc("1234"));
        string newKey = await _fixture.Admin.ResetApiKeyAsync(id);
        using HttpClient http = _fixture.NewHttpClient();
        var body = TokenApi.Wrapped(TnAuthList.Create(TnEntry.OfSpc("1234")), TokenApi.NewFingerprint());
        Assert.Equal(HttpStatusCode.Forbidden, (await TokenApi.PostAsync(http, id, oldKey, body)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenApi.PostAsync(http, id, newKey, body)).Status);
    }
}
