using System.Numerics;
using FsCheck.Xunit;

namespace TnAcme.Crypto.Tests;

/// <summary>The inverse modulo P-256's order agrees with Fermat's (a^(n−2) mod n, by .NET's BigInteger) and multiplies back to one.</summary>
public sealed class P256OrderTests
{
    private static readonly BigInteger N = BigInteger.Parse("0ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", System.Globalization.NumberStyles.HexNumber);

    private static byte[] Octets(BigInteger value)
    {
        byte[] octets = new byte[32];
        Assert.True(value.TryWriteBytes(octets.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true));
        return octets;
    }

    private static void AssertInverse(BigInteger a)
    {
        byte[] inverse = new byte[32];
        P256Order.Invert(Octets(a), inverse);
        var w = new BigInteger(inverse, isUnsigned: true, isBigEndian: true);
        Assert.Equal(BigInteger.ModPow(a, N - 2, N), w);
        Assert.Equal(BigInteger.One, a * w % N);
    }

    [Fact]
    public void Edge_values_invert()
    {
        BigInteger[] values = [1, 2, 3, N - 1, N - 2, N / 2, (N + 1) / 2, BigInteger.Pow(2, 255), BigInteger.Pow(2, 128), BigInteger.Pow(2, 64) - 1, BigInteger.Pow(2, 192) + 1];
        foreach (BigInteger value in values)
        {
            AssertInverse(value);
        }
    }

    [Property(MaxTest = 2000)]
    public void Random_values_invert(ulong a, ulong b, ulong c, ulong d)
    {
        BigInteger value = ((new BigInteger(a) << 192) | (new BigInteger(b) << 128) | (new BigInteger(c) << 64) | new BigInteger(d)) % N;
        AssertInverse(value.IsZero ? BigInteger.One : value);
    }

    [Fact]
    public void Values_outside_one_to_n_minus_one_are_refused()
    {
        byte[] room = new byte[32];
        Assert.Throws<ArgumentException>(() => P256Order.Invert(new byte[32], room));
        Assert.Throws<ArgumentException>(() => P256Order.Invert(Octets(N), room));
        Assert.Throws<ArgumentException>(() => P256Order.Invert(new byte[31], room));
        Assert.Throws<ArgumentException>(() => P256Order.Invert(Octets(5), new byte[31]));
    }
}
