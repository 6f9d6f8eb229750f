namespace TnAcme.Stir.Tests.Support;

internal static class StirAssert
{
    /// <summary>Asserts that <paramref name="act"/> throws a <see cref="StirDecodeException"/> carrying <paramref name="expected"/>.</summary>
    public static StirDecodeException Fails(StirDecodeError expected, Action act)
    {
        StirDecodeException e = Assert.Throws<StirDecodeException>(act);
        Assert.Equal(expected, e.Error);
        return e;
    }
}
