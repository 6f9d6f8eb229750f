using FsCheck.Xunit;
using TnAcme.Stir.Tests.Support;

namespace TnAcme.Stir.Tests;

/// <summary>Encode/decode round-trips over generated values.</summary>
[Properties(Arbitrary = [typeof(StirArbitraries)], MaxTest = 300)]
public class RoundTripProperties
{
    [Property]
    public void TnAuthList_der_round_trips(TnAuthList list)
    {
        byte[] der = list.ToDer();
        TnAuthList decoded = TnAuthList.Decode(der);
        Assert.Equal(list, decoded);
        Assert.Equal(list.GetHashCode(), decoded.GetHashCode());
        Assert.Equal(list.Entries.ToArray(), decoded.Entries.ToArray());
        Assert.Equal(der, TnAuthList.Create(decoded.Entries).ToDer());
    }

    [Property]
    public void Equal_der_means_equal_entries(TnAuthList a, TnAuthList b)
    {
        Assert.Equal(a.Entries.SequenceEqual(b.Entries), a.Equals(b));
        Assert.Equal(a, TnAuthList.Create(a.Entries));
    }

    [Property]
    public void Identifier_round_trips_strictly_and_tolerantly(TnAuthList list)
    {
        string id = TnAuthListIdentifier.Encode(list);
        Assert.Equal(-1, id.AsSpan().IndexOfAny("=+/"));
        Assert.Equal(list.ToDer(), Base64Url.Decode(id));
        Assert.Equal(list, TnAuthListIdentifier.Decode(id));
        Assert.Equal(list, TnAuthListIdentifier.DecodeTolerant(id));

        string standard = Convert.ToBase64String(list.Der);
        Assert.Equal(list, TnAuthListIdentifier.DecodeTolerant(standard));
        Assert.True(TnAuthListIdentifier.DerEquals(standard, id));
        if (standard.EndsWith('='))
        {
            StirAssert.Fails(StirDecodeError.InvalidBase64, () => TnAuthListIdentifier.Decode(standard));
        }
    }

    [Property]
    public void Entries_survive_the_round_trip_field_by_field(TnEntry entry)
    {
        TnEntry decoded = Assert.Single(TnAuthList.Decode(TnAuthList.Create(entry).ToDer()).Entries);
        switch (entry)
        {
            case SpcEntry spc:
                Assert.Equal(spc.Code.Value, Assert.IsType<SpcEntry>(decoded).Code.Value);
                break;
            case RangeEntry range:
                TelephoneNumberRange back = Assert.IsType<RangeEntry>(decoded).Range;
                Assert.Equal(range.Range.Start.Value, back.Start.Value);
                Assert.Equal(range.Range.Count, back.Count);
                break;
            case OneEntry one:
                Assert.Equal(one.Number.Value, Assert.IsType<OneEntry>(decoded).Number.Value);
                break;
        }
    }

    [Property]
    public void JwtClaimConstraints_round_trip(JwtClaimConstraints constraints)
    {
        byte[] der = constraints.Encode();
        JwtClaimConstraints decoded = JwtClaimConstraints.Decode(der);
        Assert.Equal(constraints, decoded);
        Assert.Equal(der, decoded.Encode());
        AssertSameNames(constraints.MustInclude, decoded.MustInclude);
        AssertSameValues(constraints.PermittedValues, decoded.PermittedValues);

        // RFC 9118's type is a superset: the same bytes decode there too, without mustExclude.
        EnhancedJwtClaimConstraints enhanced = EnhancedJwtClaimConstraints.Decode(der);
        Assert.True(enhanced.MustExclude.IsDefault);
        Assert.Equal(der, enhanced.Encode());
    }

    [Property]
    public void EnhancedJwtClaimConstraints_round_trip(EnhancedJwtClaimConstraints constraints)
    {
        byte[] der = constraints.Encode();
        EnhancedJwtClaimConstraints decoded = EnhancedJwtClaimConstraints.Decode(der);
        Assert.Equal(constraints, decoded);
        Assert.Equal(der, decoded.Encode());
        AssertSameNames(constraints.MustInclude, decoded.MustInclude);
        AssertSameValues(constraints.PermittedValues, decoded.PermittedValues);
        AssertSameNames(constraints.MustExclude, decoded.MustExclude);
        Assert.Equal(
            !constraints.MustExclude.IsDefault && constraints.MustExclude.Any(n => n is "iat" or "orig" or "dest"),
            decoded.ExcludesBaselineClaim);

        if (constraints.MustExclude.IsDefault)
        {
            Assert.Equal(der, JwtClaimConstraints.Decode(der).Encode());
        }
        else
        {
            StirAssert.Fails(StirDecodeError.UnexpectedTag, () => JwtClaimConstraints.Decode(der));
        }
    }

    private static void AssertSameNames(System.Collections.Immutable.ImmutableArray<string> expected, System.Collections.Immutable.ImmutableArray<string> actual)
    {
        Assert.Equal(expected.IsDefault, actual.IsDefault);
        if (!expected.IsDefault)
        {
            Assert.Equal(expected.ToArray(), actual.ToArray());
        }
    }

    private static void AssertSameValues(System.Collections.Immutable.ImmutableArray<JwtClaimValues> expected, System.Collections.Immutable.ImmutableArray<JwtClaimValues> actual)
    {
        Assert.Equal(expected.IsDefault, actual.IsDefault);
        if (!expected.IsDefault)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i].Claim, actual[i].Claim);
                Assert.Equal(expected[i].Values.ToArray(), actual[i].Values.ToArray());
            }
        }
    }
}
