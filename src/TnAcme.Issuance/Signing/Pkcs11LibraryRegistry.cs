using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace TnAcme.Issuance.Signing;

/// <summary>
/// Process-wide PKCS#11 state, which the standard makes per application rather than per object:
/// <list type="bullet">
/// <item>A module is initialized once per process (a second C_Initialize fails with CKR_CRYPTOKI_ALREADY_INITIALIZED)
/// and C_Finalize tears it down for every user, so signers and key generations on one module share one loaded
/// instance by reference count; the last lease to go finalizes and unloads it.</item>
/// <item>Login is per token, shared by all sessions of the process, and ends when the last session closes. A second
/// C_Login while logged in answers CKR_USER_ALREADY_LOGGED_IN without checking the PIN (SoftHSM2 does exactly
/// this). So that a wrong PIN is still refused while another signer holds the login, the registry keeps, per
/// logged-in token, an HMAC of the PIN that the token accepted (under a random per-process key; never the PIN)
/// and compares later PINs against it.</item>
/// </list>
/// </summary>
internal static class Pkcs11LibraryRegistry
{
    private static readonly Pkcs11InteropFactories Factories = new();
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Entry> Loaded = new(StringComparer.Ordinal);
    private static readonly byte[] PinMacKey = RandomNumberGenerator.GetBytes(32);

    static Pkcs11LibraryRegistry() => InstallLibdlResolver();

    public static Lease Acquire(string libraryPath)
    {
        var key = Path.IsPathRooted(libraryPath) ? Path.GetFullPath(libraryPath) : libraryPath;
        lock (Gate)
        {
            if (!Loaded.TryGetValue(key, out var entry))
            {
                IPkcs11Library library;
                try
                {
                    library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, libraryPath, AppType.MultiThreaded);
                }
                catch (Pkcs11Exception e) when (e.RV == CKR.CKR_CRYPTOKI_ALREADY_INITIALIZED)
                {
                    throw new Pkcs11SignerException(
                        $"PKCS#11 module '{libraryPath}' is already initialized in this process by someone else "
                        + "(perhaps loaded under another path); it must be shared, not loaded twice.", e);
                }
                catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or DllNotFoundException)
                {
                    throw new Pkcs11SignerException($"Cannot load PKCS#11 module '{libraryPath}': {e.Message}", e);
                }

                entry = new Entry(key, library);
                Loaded.Add(key, entry);
            }

            entry.References++;
            return new Lease(entry);
        }
    }

    private static LoginHold Login(Entry entry, ISession session, ulong slotId, string pin, string tokenDescription)
    {
        var pinBytes = Encoding.UTF8.GetBytes(pin);
        var pinMac = HMACSHA256.HashData(PinMacKey, pinBytes);
        lock (Gate)
        {
            try
            {
                session.Login(CKU.CKU_USER, pinBytes);
                entry.Logins[slotId] = new LoginRecord(pinMac) { Holders = 1 };
                return new LoginHold(slotId, Verified: true);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                if (!entry.Logins.TryGetValue(slotId, out var record))
                {
                    // Logged in by code outside this registry: nothing to check the PIN against.
                    return new LoginHold(slotId, Verified: false);
                }

                if (!CryptographicOperations.FixedTimeEquals(record.PinMac, pinMac))
                {
                    throw new Pkcs11SignerException(
                        $"Login to {tokenDescription} failed: the user PIN was rejected (it differs from the PIN the token accepted "
                        + "for the signers already logged in from this process).",
                        new Pkcs11Exception("C_Login", CKR.CKR_PIN_INCORRECT));
                }

                record.Holders++;
                return new LoginHold(slotId, Verified: true);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE)
            {
                throw new Pkcs11SignerException($"Login to {tokenDescription} failed: the user PIN was rejected ({e.RV}).", e);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_PIN_LOCKED)
            {
                throw new Pkcs11SignerException($"Login to {tokenDescription} failed: the user PIN is locked ({e.RV}).", e);
            }
            catch (Pkcs11Exception e)
            {
                throw new Pkcs11SignerException($"Login to {tokenDescription} failed ({e.RV}).", e);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pinBytes);
            }
        }
    }

    /// <summary>
    /// Closes sessions and gives up a login hold in one step under the registry lock, so that the PIN record
    /// goes exactly when the token's login does (closing a process's last session on a token logs it out).
    /// No C_Logout: that would log out every other signer of this process on the token.
    /// </summary>
    private static void CloseSessions(Entry entry, IEnumerable<ISession> sessions, LoginHold? hold)
    {
        lock (Gate)
        {
            foreach (var session in sessions)
            {
                try
                {
                    session.Dispose(); // C_CloseSession
                }
                catch (Pkcs11Exception)
                {
                    // Best effort: C_Finalize releases whatever is left.
                }
            }

            if (hold is { Verified: true } && entry.Logins.TryGetValue(hold.SlotId, out var record) && --record.Holders == 0)
            {
                entry.Logins.Remove(hold.SlotId);
            }
        }
    }

    private static void Release(Entry entry)
    {
        lock (Gate)
        {
            if (--entry.References == 0)
            {
                Loaded.Remove(entry.Key);
                entry.Library.Dispose(); // C_Finalize, then unload
            }
        }
    }

    /// <summary>
    /// Pkcs11Interop 5.x P/Invokes dlopen/dlsym/dlclose/dlerror from "libdl", which the runtime probes as
    /// libdl.so. Since glibc 2.34 (Debian 12, Ubuntu 22.04) only libdl.so.2 exists unless libc6-dev is
    /// installed, and dlopen itself lives in libc.so.6. Map "libdl" to those, as the Pkcs11Interop maintainer
    /// recommends (Pkcs11Interop issues #168, #239). Leaves other platforms and names to the default probing.
    /// </summary>
    private static void InstallLibdlResolver()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, ResolveLibdl);
        }
        catch (InvalidOperationException)
        {
            // The application registered its own resolver for Pkcs11Interop; it is in charge.
        }
    }

    private static IntPtr ResolveLibdl(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != "libdl" || !OperatingSystem.IsLinux())
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in (string[])["libdl.so.2", "libc.so.6", "libdl.so"])
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    internal sealed class Entry(string key, IPkcs11Library library)
    {
        public string Key { get; } = key;

        public IPkcs11Library Library { get; } = library;

        public int References { get; set; }

        public Dictionary<ulong, LoginRecord> Logins { get; } = [];
    }

    internal sealed class LoginRecord(byte[] pinMac)
    {
        public byte[] PinMac { get; } = pinMac;

        public int Holders { get; set; }
    }

    /// <summary>A share in a token's login (Verified false: the token was already logged in by code outside the registry).</summary>
    internal sealed record LoginHold(ulong SlotId, bool Verified);

    internal sealed class Lease : IDisposable
    {
        private readonly Entry _entry;
        private int _released;

        internal Lease(Entry entry) => _entry = entry;

        public IPkcs11Library Library => _entry.Library;

        /// <summary>C_Login as user, or join the login this process already holds on the token if the PIN matches.</summary>
        public LoginHold Login(ISession session, ulong slotId, string pin, string tokenDescription) =>
            Pkcs11LibraryRegistry.Login(_entry, session, slotId, pin, tokenDescription);

        public void CloseSessions(IEnumerable<ISession> sessions, LoginHold? hold) =>
            Pkcs11LibraryRegistry.CloseSessions(_entry, sessions, hold);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Release(_entry);
            }
        }
    }
}
