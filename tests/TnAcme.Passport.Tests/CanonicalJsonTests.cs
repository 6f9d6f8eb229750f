using System.Text.Json.Nodes;

namespace TnAcme.Passport.Tests;

public sealed class CanonicalJsonTests
{
    [Fact]
    public void Members_are_sorted_at_every_depth_without_whitespace()
    {
        JsonNode node = JsonNode.Parse("""
            { "orig": { "tn": "12025550100" }, "iat": 1443208345, "dest": { "uri": ["sip:a@example.com"], "tn": ["2", "1"] }, "attest": "A" }
            """)!;

        Assert.Equal(
            """{"attest":"A","dest":{"tn":["2","1"],"uri":["sip:a@example.com"]},"iat":1443208345,"orig":{"tn":"12025550100"}}""",
            CanonicalJson.Serialize(node));
    }

    [Fact]
    public void Only_what_json_requires_is_escaped()
    {
        var node = new JsonObject { ["u"] = "sip:+1202<x>&é\"\\" };
        Assert.Equal("""{"u":"sip:+1202<x>&é\"\\"}""", CanonicalJson.Serialize(node));
    }

    [Fact]
    public void Integral_numbers_are_written_as_integers_and_fractions_are_refused()
    {
        Assert.Equal("""{"a":1000,"b":true,"c":null}""", CanonicalJson.Serialize(JsonNode.Parse("""{"c":null,"b":true,"a":1e3}""")));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonNode.Parse("""{"a":1.5}""")));
    }

    [Fact]
    public void Keys_order_by_code_point_not_utf16_unit()
    {
        // U+FF21 (fullwidth A) is one UTF-16 unit above the surrogates used by U+1F600, yet a lower code point.
        var node = new JsonObject { ["\U0001F600"] = 1, ["\uFF21"] = 2, ["a"] = 3 };
        Assert.Equal("{\"a\":3,\"\uFF21\":2,\"\U0001F600\":1}", CanonicalJson.Serialize(node));
    }
}
