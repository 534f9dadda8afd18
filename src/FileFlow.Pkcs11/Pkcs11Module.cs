using System.Security.Cryptography;
using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace FileFlow.Pkcs11;

/// <summary>A loaded PKCS#11 module: the token vendor's shared library (ePass2003, ProxKey, an HSM's client, SoftHSM2), through which its tokens are found and signed in to.</summary>
/// <remarks>
/// Thread-safe. A PKCS#11 library is initialised once per process, so modules loaded from the same path share one initialised library,
/// finalised when the last of them is disposed. Dispose a module only after the sessions opened through it.
/// </remarks>
public sealed class Pkcs11Module : IDisposable
{
    private static readonly Dictionary<string, LoadedLibrary> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadGate = new();
    private readonly LoadedLibrary loaded;
    private int disposed;

    private Pkcs11Module(string libraryPath, LoadedLibrary loaded)
    {
        LibraryPath = libraryPath;
        this.loaded = loaded;
    }

    /// <summary>Gets the full path of the library.</summary>
    public string LibraryPath { get; }

    internal IPkcs11Library Library => loaded.Library;

    /// <summary>Loads and initialises the PKCS#11 library at <paramref name="libraryPath"/>, for example <c>/usr/lib/softhsm/libsofthsm2.so</c>.</summary>
    /// <exception cref="Pkcs11ModuleLoadException">There is no file at the path, it is not a PKCS#11 library, or its initialisation failed.</exception>
    public static Pkcs11Module Load(string libraryPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(libraryPath);
        var path = Path.GetFullPath(libraryPath);
        if (!File.Exists(path))
        {
            throw new Pkcs11ModuleLoadException(path, "there is no file at this path");
        }

        NativeLoader.EnsureInstalled();
        lock (LoadGate)
        {
            if (Loaded.TryGetValue(path, out var shared))
            {
                shared.References++;
                return new Pkcs11Module(path, shared);
            }

            IPkcs11Library library;
            try
            {
                var factories = new Pkcs11InteropFactories();
                library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, path, AppType.MultiThreaded);
            }
            catch (Pkcs11Exception e)
            {
                throw new Pkcs11ModuleLoadException(path, $"{e.Method} returned {e.RV}", e);
            }
            catch (Exception e) when (e is UnmanagedException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or LibraryArchitectureException)
            {
                throw new Pkcs11ModuleLoadException(path, "it is not a PKCS#11 library for this platform (" + e.Message + ")", e);
            }

            var created = new LoadedLibrary(library);
            Loaded[path] = created;
            return new Pkcs11Module(path, created);
        }
    }

    /// <summary>Lists the tokens present in the module's slots.</summary>
    public IReadOnlyList<TokenDescription> ListTokens()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var tokens = new List<TokenDescription>();
        foreach (var slot in Library.GetSlotList(SlotsType.WithTokenPresent))
        {
            var info = slot.GetTokenInfo();
            tokens.Add(new TokenDescription(info.Label.Trim(), info.SerialNumber.Trim(), info.Model.Trim(), info.TokenFlags.TokenInitialized));
        }

        return tokens;
    }

    /// <summary>Signs in to a token with the officer's PIN, which is passed to the token once and never kept.</summary>
    /// <param name="token">The token's label, or its serial number when labels repeat.</param>
    /// <param name="pin">The user PIN, as the officer typed it.</param>
    /// <param name="maxSessions">The most PKCS#11 sessions opened for concurrent signing; a USB token allows few.</param>
    /// <exception cref="TokenNotPresentException">No token with that label or serial number is present.</exception>
    /// <exception cref="InvalidTokenPinException">The token refused the PIN, or it is locked.</exception>
    /// <exception cref="ArgumentException">Two tokens present carry the label: name one by its serial number.</exception>
    /// <exception cref="InvalidOperationException">This process is already signed in to that token: use (or dispose) that session.</exception>
    public Pkcs11Session Login(string token, string pin, int maxSessions = 4)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentNullException.ThrowIfNull(pin);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessions, 1);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var slot = FindSlot(token);
        var label = slot.GetTokenInfo().Label.Trim();
        lock (loaded.SignedIn)
        {
            if (!loaded.SignedIn.Add(slot.SlotId))
            {
                throw new InvalidOperationException($"This process is already signed in to the token '{label}'; sign with that session or dispose it first.");
            }
        }

        ISession? session = null;
        try
        {
            session = slot.OpenSession(SessionType.ReadWrite);
            var pinBytes = Encoding.UTF8.GetBytes(pin);
            try
            {
                session.Login(CKU.CKU_USER, pinBytes);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pinBytes);
            }

            return new Pkcs11Session(this, slot, label, session, maxSessions);
        }
        catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_LEN_RANGE or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LOCKED)
        {
            session?.Dispose();
            Release(slot.SlotId);
            throw new InvalidTokenPinException(label, e.RV == CKR.CKR_PIN_LOCKED || slot.GetTokenInfo().TokenFlags.UserPinLocked, e);
        }
        catch (Pkcs11Exception e)
        {
            session?.Dispose();
            Release(slot.SlotId);
            throw Pkcs11Errors.Translate(this, label, "sign in", e);
        }
    }

    /// <summary>Finalises the library when no other module of the same path is loaded.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        lock (LoadGate)
        {
            if (--loaded.References > 0)
            {
                return;
            }

            Loaded.Remove(LibraryPath);
            loaded.Library.Dispose();
        }
    }

    internal void Release(ulong slotId)
    {
        lock (loaded.SignedIn)
        {
            loaded.SignedIn.Remove(slotId);
        }
    }

    /// <summary>Finds the slot whose token has the label (or serial number); a label shared by two tokens must be given as a serial number.</summary>
    internal ISlot FindSlot(string token)
    {
        List<ISlot> slots;
        try
        {
            slots = Library.GetSlotList(SlotsType.WithTokenPresent);
        }
        catch (Pkcs11Exception e)
        {
            throw new TokenOperationException(token, "list the module's slots", e.RV.ToString(), e);
        }

        var found = slots.Select(s => (Slot: s, Info: s.GetTokenInfo())).ToList();
        var byLabel = found.Where(f => f.Info.TokenFlags.TokenInitialized && f.Info.Label.Trim() == token).ToList();
        if (byLabel.Count == 1)
        {
            return byLabel[0].Slot;
        }

        if (byLabel.Count > 1)
        {
            throw new ArgumentException(
                $"{byLabel.Count} tokens are labelled '{token}' (serial numbers {string.Join(", ", byLabel.Select(f => f.Info.SerialNumber.Trim()))}); name one by its serial number.",
                nameof(token));
        }

        var bySerial = found.Where(f => f.Info.TokenFlags.TokenInitialized && f.Info.SerialNumber.Trim() == token).ToList();
        if (bySerial.Count == 1)
        {
            return bySerial[0].Slot;
        }

        throw new TokenNotPresentException(token, found.Where(f => f.Info.TokenFlags.TokenInitialized).Select(f => f.Info.Label.Trim()).ToArray());
    }

    /// <summary>An initialised library shared by the modules loaded from its path, with the slots this process is signed in to.</summary>
    private sealed class LoadedLibrary(IPkcs11Library library)
    {
        public IPkcs11Library Library { get; } = library;

        public int References { get; set; } = 1;

        public HashSet<ulong> SignedIn { get; } = [];
    }
}
