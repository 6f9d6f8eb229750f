namespace TnAcme.Stir;

public static class TnAuthListEncompassing
{
    /// <summary>RFC 9060 §4: does <paramref name="parent"/> name everything <paramref name="child"/> names?</summary>
    public static bool Encompasses(this TnAuthList parent, TnAuthList child) =>
        TnCoverage.Of(parent).Encompasses(TnCoverage.Of(child));
}
