using System.Text.Json;
using TnAcme.Acme;
using TnAcme.Acme.Problems;

namespace TnAcme.Storage.Tests;

/// <summary>
/// The challenges column's hand-written codec against JSON the source-generated serializer wrote before it (captured
/// from that serializer): rows written by either version read alike, and what it writes is byte for byte the same.
/// </summary>
public sealed class ChallengesJsonTests
{
    /// <summary>tkauth-01 valid, tn-callback-01 pending with its channels: an authorization as the issuance path leaves it.</summary>
    private const string Issued = """[{"Id":"4902a5661c5426402888766cf5fd8674-0","Type":"tkauth-01","Token":"kKLRi3jCrL-6jDZp2GZpvQ","Status":2,"Validated":1795793018993,"Attributes":{"tkauth-type":"atc","token-authority":"https://127.0.0.1:40257/sti-pa"}},{"Id":"4902a5661c5426402888766cf5fd8674-1","Type":"tn-callback-01","Token":"Tk1hVglpBSieCzHLDURK2w","Status":0,"ListAttributes":{"channels":["sms","voice"]}}]""";

    /// <summary>Errors with subproblems and an extension member, a secret, characters the encoder escapes, an empty list.</summary>
    private const string Failed = """[{"Id":"a-0","Type":"tkauth-01","Token":"t0","Status":3,"Error":{"type":"urn:ietf:params:acme:error:unauthorized","detail":"Authority Token check \u0027Replayed\u0027 failed: \u003Cjti\u003E \u0026 \u0022quotes\u0022 \u00E9","status":403,"subproblems":[{"type":"urn:ietf:params:acme:error:rejectedIdentifier","detail":"x","status":400,"identifier":{"type":"TNAuthList","value":"MAigBhYEMTIzNA"}}]},"Attributes":{"tkauth-type":"atc"}},{"Id":"a-1","Type":"tn-callback-01","Token":"t1","Status":0,"Error":{"type":"urn:ietf:params:acme:error:malformed","detail":"rate","status":400,"limit":"tn-callback-01/number"},"ListAttributes":{"channels":["sms","voice"],"other":[]},"Secret":"{\u0022code\u0022:\u00221\u002B2\u003C3\u0022}"}]""";

    [Fact]
    public void Reads_what_the_generated_serializer_wrote()
    {
        IReadOnlyList<Challenge> issued = ChallengesJson.Read(Issued);
        Assert.Equal(2, issued.Count);
        Challenge tkauth = issued[0];
        Assert.Equal(("4902a5661c5426402888766cf5fd8674-0", "tkauth-01", "kKLRi3jCrL-6jDZp2GZpvQ"), (tkauth.Id, tkauth.Type, tkauth.Token));
        Assert.Equal(ChallengeStatus.Valid, tkauth.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795793018993), tkauth.Validated);
        Assert.Null(tkauth.Error);
        Assert.Null(tkauth.Secret);
        Assert.Equal("https://127.0.0.1:40257/sti-pa", tkauth.Attributes["token-authority"]);
        Assert.Empty(tkauth.ListAttributes);
        Assert.Equal(["sms", "voice"], issued[1].ListAttributes["channels"]);
        Assert.Empty(issued[1].Attributes);
        Assert.Null(issued[1].Validated);

        IReadOnlyList<Challenge> failed = ChallengesJson.Read(Failed);
        AcmeProblem error = failed[0].Error!;
        Assert.Equal(AcmeErrorType.Unauthorized, error.Type);
        Assert.Equal("Authority Token check 'Replayed' failed: <jti> & \"quotes\" é", error.Detail);
        Assert.Equal(403, error.Status);
        Assert.Equal(new AcmeIdentifier("TNAuthList", "MAigBhYEMTIzNA"), error.Subproblems![0].Identifier);
        Assert.Equal("tn-callback-01/number", failed[1].Error!.Limit);
        Assert.Equal("{\"code\":\"1+2<3\"}", failed[1].Secret!.Value);
        Assert.Empty(failed[1].ListAttributes["other"]);
    }

    [Theory]
    [InlineData(Issued)]
    [InlineData(Failed)]
    [InlineData("[]")]
    public void Writes_the_same_bytes(string json) => Assert.Equal(json, ChallengesJson.Write(ChallengesJson.Read(json)));

    [Fact]
    public void Tolerates_null_members_unknown_members_and_a_null_column()
    {
        IReadOnlyList<Challenge> read = ChallengesJson.Read("""
            [{"Id":"a-0","Type":"t","Token":"x","Status":1,"Validated":null,"Error":null,"Attributes":null,"ListAttributes":null,"Secret":null,
              "Later":{"nested":[1,2,{"a":null}]}}]
            """);
        Assert.Equal(ChallengeStatus.Processing, read.Single().Status);
        Assert.Null(read[0].Validated);
        Assert.Empty(read[0].Attributes);
        Assert.Empty(ChallengesJson.Read("null"));
    }

    [Theory]
    [InlineData("""[{"Type":"t","Token":"x","Status":0}]""")]
    [InlineData("""[{"Id":"a-0","Type":"t","Token":"x","Status":0}""")]
    [InlineData("""{"Id":"a-0"}""")]
    public void Refuses_what_it_cannot_have_written(string json) => Assert.ThrowsAny<JsonException>(() => ChallengesJson.Read(json));
}
