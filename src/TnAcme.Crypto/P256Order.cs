using System.Buffers.Binary;

namespace TnAcme.Crypto;

/// <summary>
/// Inversion modulo the order n of P-256, the one step of an ECDSA verification that OpenSSL does fast only inside
/// its own ECDSA code: its exported BN_mod_inverse takes about 15 µs here, half of a verification with a
/// <see cref="OpenSsl.FixedPointTable"/>. This is the binary extended Euclidean algorithm on four 64-bit limbs.
/// It is not constant-time, and is only for public values: the s of a signature being verified.
/// </summary>
internal static class P256Order
{
    // n = ffffffff00000000 ffffffffffffffff bce6faada7179e84 f3b9cac2fc632551, least significant limb first.
    private const ulong N0 = 0xf3b9cac2fc632551;
    private const ulong N1 = 0xbce6faada7179e84;
    private const ulong N2 = 0xffffffffffffffff;
    private const ulong N3 = 0xffffffff00000000;

    /// <summary>
    /// a⁻¹ mod n into <paramref name="inverse"/>, both 32 big-endian octets; <paramref name="a"/> must be in
    /// [1, n − 1] (n is prime, so the inverse exists).
    /// </summary>
    public static void Invert(ReadOnlySpan<byte> a, Span<byte> inverse)
    {
        if (a.Length != 32 || !EcdsaCurve.P256.IsValidScalar(a) || inverse.Length != 32)
        {
            throw new ArgumentException("the value must be 32 octets in [1, n − 1], and so must the room for its inverse");
        }

        var n = new Limbs(N0, N1, N2, N3);
        // Invariants: x1·a ≡ u and x2·a ≡ v (mod n); x1, x2 in [0, n).
        Limbs u = Limbs.Read(a), v = n, x1 = new(1, 0, 0, 0), x2 = default;
        while (!u.IsOne && !v.IsOne)
        {
            while (u.IsEven)
            {
                u = u.HalfOf(carry: 0);
                x1 = HalfModN(x1, n);
            }

            while (v.IsEven)
            {
                v = v.HalfOf(carry: 0);
                x2 = HalfModN(x2, n);
            }

            if (Limbs.Compare(u, v) >= 0)
            {
                u = Limbs.Subtract(u, v, out _);
                x1 = SubtractModN(x1, x2, n);
            }
            else
            {
                v = Limbs.Subtract(v, u, out _);
                x2 = SubtractModN(x2, x1, n);
            }
        }

        (u.IsOne ? x1 : x2).Write(inverse);
    }

    /// <summary>x / 2 mod n: x itself halved when even, else (x + n) / 2, whose sum may need a 257th bit.</summary>
    private static Limbs HalfModN(Limbs x, Limbs n)
    {
        if (x.IsEven)
        {
            return x.HalfOf(carry: 0);
        }

        Limbs sum = Limbs.Add(x, n, out ulong carry);
        return sum.HalfOf(carry);
    }

    private static Limbs SubtractModN(Limbs a, Limbs b, Limbs n)
    {
        Limbs difference = Limbs.Subtract(a, b, out ulong borrow);
        return borrow == 0 ? difference : Limbs.Add(difference, n, out _);
    }

    /// <summary>A 256-bit number, least significant limb first.</summary>
    private readonly record struct Limbs(ulong L0, ulong L1, ulong L2, ulong L3)
    {
        public bool IsZero => (L0 | L1 | L2 | L3) == 0;

        public bool IsOne => L0 == 1 && (L1 | L2 | L3) == 0;

        public bool IsEven => (L0 & 1) == 0;

        public static Limbs Read(ReadOnlySpan<byte> bigEndian) => new(
            BinaryPrimitives.ReadUInt64BigEndian(bigEndian[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bigEndian[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bigEndian[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bigEndian));

        public void Write(Span<byte> bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bigEndian, L3);
            BinaryPrimitives.WriteUInt64BigEndian(bigEndian[8..], L2);
            BinaryPrimitives.WriteUInt64BigEndian(bigEndian[16..], L1);
            BinaryPrimitives.WriteUInt64BigEndian(bigEndian[24..], L0);
        }

        /// <summary>(carry·2²⁵⁶ + this) / 2, for a carry of 0 or 1.</summary>
        public Limbs HalfOf(ulong carry) => new(
            (L0 >> 1) | (L1 << 63),
            (L1 >> 1) | (L2 << 63),
            (L2 >> 1) | (L3 << 63),
            (L3 >> 1) | (carry << 63));

        public static int Compare(Limbs a, Limbs b) =>
            a.L3 != b.L3 ? a.L3.CompareTo(b.L3)
            : a.L2 != b.L2 ? a.L2.CompareTo(b.L2)
            : a.L1 != b.L1 ? a.L1.CompareTo(b.L1)
            : a.L0.CompareTo(b.L0);

        public static Limbs Add(Limbs a, Limbs b, out ulong carry)
        {
            ulong c = 0;
            ulong r0 = AddWithCarry(a.L0, b.L0, ref c);
            ulong r1 = AddWithCarry(a.L1, b.L1, ref c);
            ulong r2 = AddWithCarry(a.L2, b.L2, ref c);
            ulong r3 = AddWithCarry(a.L3, b.L3, ref c);
            carry = c;
            return new(r0, r1, r2, r3);
        }

        public static Limbs Subtract(Limbs a, Limbs b, out ulong borrow)
        {
            ulong c = 0;
            ulong r0 = SubtractWithBorrow(a.L0, b.L0, ref c);
            ulong r1 = SubtractWithBorrow(a.L1, b.L1, ref c);
            ulong r2 = SubtractWithBorrow(a.L2, b.L2, ref c);
            ulong r3 = SubtractWithBorrow(a.L3, b.L3, ref c);
            borrow = c;
            return new(r0, r1, r2, r3);
        }

        private static ulong AddWithCarry(ulong a, ulong b, ref ulong carry)
        {
            ulong sum = a + b;
            ulong result = sum + carry;
            carry = (sum < a ? 1UL : 0UL) | (result < sum ? 1UL : 0UL);
            return result;
        }

        private static ulong SubtractWithBorrow(ulong a, ulong b, ref ulong borrow)
        {
            ulong difference = a - b;
            ulong result = difference - borrow;
            borrow = (a < b ? 1UL : 0UL) | (difference < borrow ? 1UL : 0UL);
            return result;
        }
    }
}
