namespace TnAcme.Stir.Tests;

/// <summary>The encoders refuse what the decoders would refuse, so the CA never issues what it cannot read back.</summary>
public class EncoderLimitTests
{
    [Fact]
    public void TnAuthList_over_the_entry_limit_is_refused_at_creation()
    {
        var entries = Enumerable.Range(0, TnAuthList.MaxEntries + 1).Select(i => TnEntry.OfNumber($"1202555{i:D5}"));
        var e = Assert.Throws<StirDecodeException>(() => TnAuthList.Create(entries));
        Assert.Equal(StirDecodeError.LengthTooLarge, e.Error);

        TnAuthList atLimit = TnAuthList.Create(Enumerable.Range(0, TnAuthList.MaxEntries).Select(i => TnEntry.OfNumber($"1202555{i:D5}")));
        Assert.Equal(TnAuthList.MaxEntries, TnAuthList.Decode(atLimit.Der).Entries.Length);
    }

    [Fact]
    public void Claim_constraints_over_the_item_limit_are_refused_at_creation()
    {
        string[] names = [.. Enumerable.Range(0, 1001).Select(i => $"c{i}")];
        Assert.Equal(StirDecodeError.LengthTooLarge, Assert.Throws<StirDecodeException>(() => new JwtClaimConstraints(names, null)).Error);
        Assert.Equal(StirDecodeError.LengthTooLarge, Assert.Throws<StirDecodeException>(() => new JwtClaimValues("c", names)).Error);

        var atLimit = new JwtClaimConstraints(names[..1000], null);
        Assert.Equal(1000, JwtClaimConstraints.Decode(atLimit.Encode()).MustInclude.Length);
    }

    [Fact]
    public void DerEquals_is_false_for_null()
    {
        Assert.False(TnAuthListIdentifier.DerEquals(null, "MAigBhYEMTIzNA"));
        Assert.False(TnAuthListIdentifier.DerEquals("MAigBhYEMTIzNA", null));
    }
}
