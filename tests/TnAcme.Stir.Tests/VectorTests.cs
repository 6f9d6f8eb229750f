using TnAcme.Stir;

namespace TnAcme.Stir.Tests;

public class VectorTests
{
    [Fact]
    public void V1_spc_1234_round_trips()
    {
        byte[] der = Convert.FromHexString("3008A0061604" + "31323334");
        TnAuthList list = TnAuthList.Decode(der);
        Assert.Equal("1234", Assert.IsType<SpcEntry>(Assert.Single(list.Entries)).Code.Value);
        Assert.Equal(der, TnAuthList.Create(TnEntry.OfSpc("1234")).ToDer());
        Assert.Equal("MAigBhYEMTIzNA", TnAuthListIdentifier.Encode(list));
    }
}
