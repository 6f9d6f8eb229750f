using System.Collections.Concurrent;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace TnAcme.Issuance.Signing;

/// <summary>
/// An ECDSA P-256 key that never leaves a PKCS#11 token (an HSM, or SoftHSM2 in tests).
/// Data is hashed with SHA-256 in process; the token signs the digest with CKM_ECDSA and returns raw r||s,
/// which is re-encoded as the DER Ecdsa-Sig-Value that X.509 wants.
/// </summary>
/// <remarks>
/// <para>PKCS#11 sessions are not thread-safe: each signature borrows one session from a small pool
/// (at most <see cref="Pkcs11SignerOptions.MaxSessions"/>), so concurrent <see cref="SignAsync"/> calls are safe.</para>
/// <para>The module is loaded once per process and shared (see <see cref="Pkcs11LibraryRegistry"/>); disposing the
/// last signer using it calls C_Finalize. PKCS#11 login state belongs to the process, not the session: a signer
/// opened while another already holds the token's login joins that login, and its PIN is checked against
/// the one the token accepted (a token does not re-check a PIN once logged in).</para>
/// <para>The PIN is used for C_Login and then dropped; it is never kept, logged, or put in a message.</para>
/// </remarks>
public sealed class Pkcs11Signer : ISigner
{
    private static readonly byte[] SelfTestDigest = SHA256.HashData("TnAcme PKCS#11 key pair check"u8);

    private readonly Pkcs11LibraryRegistry.Lease _lease;
    private readonly Pkcs11LibraryRegistry.LoginHold _login;
    private readonly ISlot _slot;
    private readonly IObjectHandle _privateKey;
    private readonly int _maxSessions;
    private readonly SemaphoreSlim _permits;
    private readonly ConcurrentBag<ISession> _idleSessions = [];
    private readonly List<ISession> _allSessions = [];
    private readonly Lock _sessionsGate = new();
    private readonly string _description;
    private int _disposed;

    private Pkcs11Signer(
        Pkcs11LibraryRegistry.Lease lease,
        Pkcs11LibraryRegistry.LoginHold login,
        ISlot slot,
        ISession loggedInSession,
        IObjectHandle privateKey,
        byte[] subjectPublicKeyInfoDer,
        string tokenLabel,
        string keyLabel,
        string keyIdHex,
        int maxSessions,
        string description)
    {
        _lease = lease;
        _login = login;
        _slot = slot;
        _privateKey = privateKey;
        _maxSessions = maxSessions;
        _permits = new SemaphoreSlim(maxSessions, maxSessions);
        _allSessions.Add(loggedInSession);
        _idleSessions.Add(loggedInSession);
        SubjectPublicKeyInfoDer = subjectPublicKeyInfoDer;
        SlotId = slot.SlotId;
        TokenLabel = tokenLabel;
        KeyLabel = keyLabel;
        KeyIdHex = keyIdHex;
        _description = description;
    }

    public ReadOnlyMemory<byte> SignatureAlgorithmDer => EcdsaAlgorithms.EcdsaWithSha256Der;

    public ReadOnlyMemory<byte> SubjectPublicKeyInfoDer { get; }

    /// <summary>Slot holding the token (SoftHSM2, for one, reassigns a token to a new slot id when it is initialized).</summary>
    public ulong SlotId { get; }

    /// <summary>Label of the token holding the key.</summary>
    public string TokenLabel { get; }

    /// <summary>CKA_LABEL of the private key in use.</summary>
    public string KeyLabel { get; }

    /// <summary>CKA_ID of the private key in use, as hex (empty when the key has no id).</summary>
    public string KeyIdHex { get; }

    /// <summary>
    /// Opens the token, logs in as user, finds the P-256 private key (by label and/or id) and its public key
    /// (same CKA_ID, or same label when the key has no id), and checks with one test signature that the two match.
    /// </summary>
    /// <exception cref="Pkcs11SignerException">The module, token or key cannot be found or used, or the PIN is rejected.</exception>
    public static Pkcs11Signer Open(Pkcs11SignerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(requireKeyLabel: false);

        var lease = Pkcs11LibraryRegistry.Acquire(options.LibraryPath);
        ISession? session = null;
        Pkcs11LibraryRegistry.LoginHold? login = null;
        try
        {
            var (slot, tokenLabel, tokenDescription) = FindSlot(lease.Library, options);
            session = OpenSession(slot, SessionType.ReadOnly, tokenDescription);
            login = lease.Login(session, slot.SlotId, options.Pin, tokenDescription);

            var keyDescription = DescribeKey(options.KeyLabel, options.KeyIdHex);
            var privateKey = FindPrivateKey(session, options, tokenDescription, keyDescription);
            var attributes = session.GetAttributeValue(privateKey, [CKA.CKA_KEY_TYPE, CKA.CKA_EC_PARAMS, CKA.CKA_SIGN, CKA.CKA_ID, CKA.CKA_LABEL]);
            if (attributes[0].GetValueAsUlong() != (ulong)CKK.CKK_EC)
            {
                throw new Pkcs11SignerException($"Key {keyDescription} on {tokenDescription} is not an EC key.");
            }

            if (attributes[1].CannotBeRead || !attributes[1].GetValueAsByteArray().AsSpan().SequenceEqual(EcdsaEncoding.P256ParametersDer))
            {
                throw new Pkcs11SignerException($"Key {keyDescription} on {tokenDescription} is not on curve P-256 (CKA_EC_PARAMS differs).");
            }

            if (!attributes[2].GetValueAsBool())
            {
                throw new Pkcs11SignerException($"Key {keyDescription} on {tokenDescription} does not permit signing (CKA_SIGN is false).");
            }

            var keyId = attributes[3].CannotBeRead ? [] : attributes[3].GetValueAsByteArray() ?? [];
            var keyLabel = attributes[4].CannotBeRead ? "" : attributes[4].GetValueAsString() ?? "";

            var spki = ReadPublicKey(session, keyId, keyLabel, tokenDescription, keyDescription);
            SelfTest(session, privateKey, spki, tokenDescription, keyDescription);

            var description = $"Pkcs11Signer(module {options.LibraryPath}, {tokenDescription}, key label '{keyLabel}' id {Convert.ToHexString(keyId)})";
            return new Pkcs11Signer(lease, login, slot, session, privateKey, spki, tokenLabel, keyLabel, Convert.ToHexString(keyId), options.MaxSessions, description);
        }
        catch (Exception e)
        {
            if (session is not null)
            {
                lease.CloseSessions([session], login);
            }

            lease.Dispose();
            if (e is Pkcs11Exception p11)
            {
                throw new Pkcs11SignerException(
                    $"Opening key {DescribeKey(options.KeyLabel, options.KeyIdHex)} in PKCS#11 module '{options.LibraryPath}' failed ({p11.RV}).", p11);
            }

            throw;
        }
    }

    /// <summary>
    /// Generates a P-256 key pair in the token (CKM_EC_KEY_PAIR_GEN): token objects labelled
    /// <see cref="Pkcs11SignerOptions.KeyLabel"/> with one random 16-byte CKA_ID; the private key is private,
    /// sensitive, non-extractable and may only sign. Refuses when any object already carries that label,
    /// so that a later <see cref="Open"/> by label is unambiguous.
    /// </summary>
    /// <exception cref="Pkcs11SignerException">The module or token cannot be used, the PIN is rejected, the label is taken, or generation fails.</exception>
    public static Pkcs11KeyPairInfo GenerateKeyPair(Pkcs11SignerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(requireKeyLabel: true);
        var label = options.KeyLabel!;

        using var lease = Pkcs11LibraryRegistry.Acquire(options.LibraryPath);
        var (slot, _, tokenDescription) = FindSlot(lease.Library, options);
        var session = OpenSession(slot, SessionType.ReadWrite, tokenDescription);
        Pkcs11LibraryRegistry.LoginHold? login = null;
        try
        {
            login = lease.Login(session, slot.SlotId, options.Pin, tokenDescription);
            return GenerateKeyPair(session, label, tokenDescription);
        }
        finally
        {
            lease.CloseSessions([session], login);
        }
    }

    private static Pkcs11KeyPairInfo GenerateKeyPair(ISession session, string label, string tokenDescription)
    {
        var attributeFactory = session.Factories.ObjectAttributeFactory;
        if (session.FindAllObjects([attributeFactory.Create(CKA.CKA_LABEL, label)]).Count > 0)
        {
            throw new Pkcs11SignerException($"{tokenDescription} already holds objects labelled '{label}'; choose another key label.");
        }

        var id = RandomNumberGenerator.GetBytes(16);
        var ecParams = EcdsaEncoding.P256ParametersDer.ToArray();
        List<IObjectAttribute> publicTemplate =
        [
            attributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY),
            attributeFactory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_EC),
            attributeFactory.Create(CKA.CKA_TOKEN, true),
            attributeFactory.Create(CKA.CKA_PRIVATE, false),
            attributeFactory.Create(CKA.CKA_LABEL, label),
            attributeFactory.Create(CKA.CKA_ID, id),
            attributeFactory.Create(CKA.CKA_EC_PARAMS, ecParams),
            attributeFactory.Create(CKA.CKA_VERIFY, true),
        ];
        List<IObjectAttribute> privateTemplate =
        [
            attributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
            attributeFactory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_EC),
            attributeFactory.Create(CKA.CKA_TOKEN, true),
            attributeFactory.Create(CKA.CKA_PRIVATE, true),
            attributeFactory.Create(CKA.CKA_SENSITIVE, true),
            attributeFactory.Create(CKA.CKA_EXTRACTABLE, false),
            attributeFactory.Create(CKA.CKA_SIGN, true),
            attributeFactory.Create(CKA.CKA_DERIVE, false),
            attributeFactory.Create(CKA.CKA_LABEL, label),
            attributeFactory.Create(CKA.CKA_ID, id),
        ];

        IObjectHandle publicKey;
        try
        {
            using var mechanism = session.Factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN);
            session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out publicKey, out _);
        }
        catch (Pkcs11Exception e)
        {
            throw new Pkcs11SignerException($"Generating a P-256 key pair '{label}' on {tokenDescription} failed ({e.RV}).", e);
        }

        var point = session.GetAttributeValue(publicKey, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray();
        var spki = EcdsaEncoding.P256SubjectPublicKeyInfo(EcdsaEncoding.UncompressedPointFromCkaEcPoint(point));
        return new Pkcs11KeyPairInfo(label, Convert.ToHexString(id), spki);
    }

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var digest = SHA256.HashData(data.Span);

        await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var session = BorrowSession();
            byte[] raw;
            try
            {
                raw = SignDigest(session, _privateKey, digest);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED)
            {
                // The session is gone (token reset, module trouble): drop it so the next call opens a fresh one.
                DropSession(session);
                throw new Pkcs11SignerException($"Signing with {_description} failed ({e.RV}); the session was discarded.", e);
            }
            catch (Pkcs11Exception e)
            {
                _idleSessions.Add(session);
                throw new Pkcs11SignerException($"Signing with {_description} failed ({e.RV}).", e);
            }

            _idleSessions.Add(session);

            return EcdsaEncoding.RawSignatureToDer(raw);
        }
        finally
        {
            _permits.Release();
        }
    }

    /// <summary>Waits for signatures in flight, closes the sessions and releases the module (C_Finalize when last).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        for (var i = 0; i < _maxSessions; i++)
        {
            _permits.Wait();
        }

        try
        {
            lock (_sessionsGate)
            {
                _lease.CloseSessions(_allSessions, _login);
                _allSessions.Clear();
                _idleSessions.Clear();
            }
        }
        finally
        {
            _lease.Dispose();

            // Let callers that were already queued in WaitAsync through: they see _disposed and throw ObjectDisposedException.
            _permits.Release(_maxSessions);
        }
    }

    public override string ToString() => _description;

    private ISession BorrowSession()
    {
        if (_idleSessions.TryTake(out var session))
        {
            return session;
        }

        // Fewer than MaxSessions exist (the semaphore guarantees it): open one more. Login state is per
        // token and process, so the new session is already logged in.
        session = OpenSession(_slot, SessionType.ReadOnly, _description);
        lock (_sessionsGate)
        {
            _allSessions.Add(session);
        }

        return session;
    }

    private void DropSession(ISession session)
    {
        lock (_sessionsGate)
        {
            _allSessions.Remove(session);
        }

        _lease.CloseSessions([session], hold: null);
    }

    private static byte[] SignDigest(ISession session, IObjectHandle privateKey, byte[] digest)
    {
        using var mechanism = session.Factories.MechanismFactory.Create(CKM.CKM_ECDSA);
        return session.Sign(mechanism, privateKey, digest);
    }

    private static (ISlot Slot, string Label, string Description) FindSlot(IPkcs11Library library, Pkcs11SignerOptions options)
    {
        List<ISlot> slots;
        try
        {
            slots = library.GetSlotList(SlotsType.WithTokenPresent);
        }
        catch (Pkcs11Exception e)
        {
            throw new Pkcs11SignerException($"Cannot list the slots of PKCS#11 module '{options.LibraryPath}' ({e.RV}).", e);
        }

        var present = new List<(ISlot Slot, string Label)>();
        foreach (var slot in slots)
        {
            try
            {
                present.Add((slot, slot.GetTokenInfo().Label.TrimEnd(' ', '\0')));
            }
            catch (Pkcs11Exception)
            {
                // A slot whose token cannot describe itself cannot be the one asked for by label; skip it.
            }
        }

        var matches = present
            .Where(p => (options.SlotId is null || p.Slot.SlotId == options.SlotId)
                && (options.TokenLabel is null || p.Label == options.TokenLabel))
            .ToList();
        var wanted = options.TokenLabel is null ? $"slot {options.SlotId}"
            : options.SlotId is null ? $"token '{options.TokenLabel}'"
            : $"token '{options.TokenLabel}' in slot {options.SlotId}";
        if (matches.Count == 0)
        {
            var available = present.Count == 0 ? "none" : string.Join(", ", present.Select(p => $"'{p.Label}' (slot {p.Slot.SlotId})"));
            throw new Pkcs11SignerException($"PKCS#11 module '{options.LibraryPath}' has no {wanted}. Tokens present: {available}.");
        }

        if (matches.Count > 1)
        {
            throw new Pkcs11SignerException(
                $"PKCS#11 module '{options.LibraryPath}' has {matches.Count} tokens matching {wanted} (slots {string.Join(", ", matches.Select(m => m.Slot.SlotId))}); give SlotId as well.");
        }

        return (matches[0].Slot, matches[0].Label, $"token '{matches[0].Label}' (slot {matches[0].Slot.SlotId})");
    }

    private static ISession OpenSession(ISlot slot, SessionType type, string description)
    {
        try
        {
            return slot.OpenSession(type);
        }
        catch (Pkcs11Exception e)
        {
            throw new Pkcs11SignerException($"Cannot open a session on {description} ({e.RV}).", e);
        }
    }

    private static IObjectHandle FindPrivateKey(ISession session, Pkcs11SignerOptions options, string tokenDescription, string keyDescription)
    {
        var attributeFactory = session.Factories.ObjectAttributeFactory;
        List<IObjectAttribute> template = [attributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY)];
        if (options.KeyLabel is not null)
        {
            template.Add(attributeFactory.Create(CKA.CKA_LABEL, options.KeyLabel));
        }

        if (options.KeyId is { } id)
        {
            template.Add(attributeFactory.Create(CKA.CKA_ID, id));
        }

        var found = FindObjects(session, template, tokenDescription);
        return found.Count switch
        {
            0 => throw new Pkcs11SignerException($"No private key {keyDescription} on {tokenDescription}."),
            1 => found[0],
            _ => throw new Pkcs11SignerException($"{found.Count} private keys match {keyDescription} on {tokenDescription}; narrow the choice with KeyIdHex."),
        };
    }

    private static byte[] ReadPublicKey(ISession session, byte[] keyId, string keyLabel, string tokenDescription, string keyDescription)
    {
        var attributeFactory = session.Factories.ObjectAttributeFactory;
        List<IObjectAttribute> template =
        [
            attributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY),
            attributeFactory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_EC),
            keyId.Length > 0 ? attributeFactory.Create(CKA.CKA_ID, keyId) : attributeFactory.Create(CKA.CKA_LABEL, keyLabel),
        ];
        var found = FindObjects(session, template, tokenDescription);
        var by = keyId.Length > 0 ? $"CKA_ID {Convert.ToHexString(keyId)}" : $"label '{keyLabel}'";
        if (found.Count != 1)
        {
            throw new Pkcs11SignerException(
                found.Count == 0
                    ? $"Private key {keyDescription} on {tokenDescription} has no public key object with {by}; the public key is needed for the SubjectPublicKeyInfo."
                    : $"{found.Count} public key objects with {by} on {tokenDescription}; cannot tell which belongs to private key {keyDescription}.");
        }

        var attribute = session.GetAttributeValue(found[0], [CKA.CKA_EC_POINT])[0];
        if (attribute.CannotBeRead)
        {
            throw new Pkcs11SignerException($"CKA_EC_POINT of the public key with {by} on {tokenDescription} cannot be read.");
        }

        try
        {
            return EcdsaEncoding.P256SubjectPublicKeyInfo(EcdsaEncoding.UncompressedPointFromCkaEcPoint(attribute.GetValueAsByteArray()));
        }
        catch (CryptographicException e)
        {
            throw new Pkcs11SignerException($"The public key with {by} on {tokenDescription} is unusable: {e.Message}", e);
        }
    }

    private static void SelfTest(ISession session, IObjectHandle privateKey, byte[] spki, string tokenDescription, string keyDescription)
    {
        byte[] raw;
        try
        {
            raw = SignDigest(session, privateKey, SelfTestDigest);
        }
        catch (Pkcs11Exception e)
        {
            throw new Pkcs11SignerException($"Test signature with key {keyDescription} on {tokenDescription} failed ({e.RV}).", e);
        }

        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(spki, out _);
        if (raw.Length != 2 * EcdsaEncoding.P256FieldSize
            || !publicKey.VerifyHash(SelfTestDigest, raw, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new Pkcs11SignerException(
                $"Key {keyDescription} on {tokenDescription}: a test signature does not verify under the public key object found for it; the private and public key objects do not match.");
        }
    }

    private static List<IObjectHandle> FindObjects(ISession session, List<IObjectAttribute> template, string tokenDescription)
    {
        try
        {
            return session.FindAllObjects(template);
        }
        catch (Pkcs11Exception e)
        {
            throw new Pkcs11SignerException($"Searching objects on {tokenDescription} failed ({e.RV}).", e);
        }
    }

    private static string DescribeKey(string? label, string? idHex) => (label, idHex) switch
    {
        (not null, not null) => $"label '{label}' id {idHex}",
        (not null, null) => $"label '{label}'",
        _ => $"id {idHex}",
    };
}
