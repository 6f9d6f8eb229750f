namespace TnAcme.Acme.Jose;

/// <summary>The decoded public key behind a <see cref="JsonWebKey"/>, and how it verifies.</summary>
internal abstract class KeyMaterial : IDisposable
{
    /// <summary>Verifies a signature of the key's one algorithm; false for a wrong-length or invalid signature.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);

    public virtual void Dispose()
    {
    }
}

/// <summary>Key material whose .NET key object is built on first use, once, under a lock.</summary>
internal abstract class LazyKeyMaterial<T> : KeyMaterial
    where T : class, IDisposable
{
    private readonly Lock _sync = new();
    private T? _key;
    private bool _disposed;

    protected T Key
    {
        get
        {
            var key = Volatile.Read(ref _key);
            if (key is not null)
            {
                return key;
            }

            lock (_sync)
            {
                ObjectDisposedException.ThrowIf(_disposed, typeof(JsonWebKey));
                if (_key is null)
                {
                    Volatile.Write(ref _key, Create());
                }

                return _key!;
            }
        }
    }

    protected abstract T Create();

    public override void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            _key?.Dispose();
        }
    }
}
