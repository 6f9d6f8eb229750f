namespace TnAcme.Testing;

/// <summary>Fuzz-style mutations of a valid encoding, for parsers that must refuse hostile input cleanly.</summary>
public static class HostileBytes
{
    /// <summary>
    /// The <paramref name="i"/>-th mutation of <paramref name="good"/>, cycling through: one bit flipped, truncated,
    /// zero bytes appended, one byte replaced, a random tail.
    /// </summary>
    public static byte[] Mutate(byte[] good, Random random, int i)
    {
        byte[] mutated = (byte[])good.Clone();
        switch (i % 5)
        {
            case 0:
                mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                mutated = mutated[..random.Next(mutated.Length)];
                break;
            case 2:
                mutated = [.. mutated, .. new byte[random.Next(1, 8)]];
                break;
            case 3:
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                break;
            default:
                random.NextBytes(mutated.AsSpan(random.Next(mutated.Length)));
                break;
        }

        return mutated;
    }
}
