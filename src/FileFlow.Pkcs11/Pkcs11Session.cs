using System.Collections.Concurrent;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace FileFlow.Pkcs11;

/// <summary>A token signed in to with the officer's PIN: finds the officer's signing key and signs with it until disposed, which signs out.</summary>
/// <remarks>
/// Thread-safe. The PIN was given to the token once, at sign-in, and is not kept. Concurrent signatures each take a PKCS#11 session of their own
/// (opened on demand, at most the number given at sign-in; further callers wait), since one PKCS#11 session runs one operation at a time.
/// </remarks>
public sealed partial class Pkcs11Session : IDisposable
{
    private readonly ISession loginSession;
    private readonly ConcurrentBag<ISession> idle = [];
    private readonly ConcurrentBag<ISession> opened = [];
    private readonly SemaphoreSlim gate;
    private int disposed;

    internal Pkcs11Session(Pkcs11Module module, ISlot slot, string tokenLabel, ISession loginSession, int maxSessions)
    {
        Module = module;
        Slot = slot;
        TokenLabel = tokenLabel;
        this.loginSession = loginSession;
        idle.Add(loginSession);
        opened.Add(loginSession);
        gate = new SemaphoreSlim(maxSessions, maxSessions);
        Mechanisms = slot.GetMechanismList().ToHashSet();
    }

    /// <summary>Gets the label of the token signed in to.</summary>
    public string TokenLabel { get; }

    internal Pkcs11Module Module { get; }

    internal ISlot Slot { get; }

    internal IReadOnlySet<CKM> Mechanisms { get; }

    /// <summary>Gets the number of PKCS#11 sessions opened so far (at most the number given at sign-in).</summary>
    internal int OpenedSessions => opened.Count;

    /// <summary>Signs out of the token and closes its sessions; signers found through this session stop working.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            loginSession.Logout();
        }
        catch (Pkcs11Exception)
        {
            // The token was removed, or the module already signed out: nothing is left signed in either way.
        }

        foreach (var session in opened)
        {
            try
            {
                session.Dispose();
            }
            catch (Pkcs11Exception)
            {
                // Closing a session of a removed token fails; it is gone either way.
            }
        }

        Module.Release(Slot.SlotId);
    }

    /// <summary>Runs <paramref name="work"/> on a PKCS#11 session of its own, translating the module's errors.</summary>
    internal async ValueTask<T> RunAsync<T>(string operation, Func<ISession, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return RunHoldingGate(operation, work);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a PKCS#11 session of its own, for the synchronous sign-in time operations (finding keys, provisioning).</summary>
    internal T Run<T>(string operation, Func<ISession, T> work)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        gate.Wait();
        try
        {
            return RunHoldingGate(operation, work);
        }
        finally
        {
            gate.Release();
        }
    }

    private T RunHoldingGate<T>(string operation, Func<ISession, T> work)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        ISession session;
        try
        {
            session = idle.TryTake(out var free) ? free : Open();
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Errors.Translate(Module, TokenLabel, operation, e);
        }

        try
        {
            return work(session);
        }
        catch (Pkcs11Exception e) when (Volatile.Read(ref disposed) != 0)
        {
            throw new ObjectDisposedException($"The session with the token '{TokenLabel}' was signed out while it was used.", e);
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Errors.Translate(Module, TokenLabel, operation, e);
        }
        finally
        {
            idle.Add(session);
        }
    }

    private ISession Open()
    {
        // Sessions opened after sign-in are signed in too: PKCS#11 keeps the login state per application and token.
        var session = Slot.OpenSession(SessionType.ReadWrite);
        opened.Add(session);
        return session;
    }
}
