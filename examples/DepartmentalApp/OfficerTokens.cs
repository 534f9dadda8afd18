using System.Collections.Concurrent;
using FileFlow.Organisation;
using FileFlow.Pkcs11;
using FileFlow.Signing;

namespace DepartmentalApp;

/// <summary>The desk's signers: each officer's key on their own PKCS#11 token, unlocked with the PIN they type at sign-in and held only in this
/// process's memory (a signed-in token session) until they sign out or the process stops; the PIN itself is passed to the token once and dropped.</summary>
/// <remarks>The system officer, who signs escalations by operation of law, signs with the server's service key.</remarks>
public sealed class OfficerTokens(Pkcs11Module module, OfficerId systemOfficer, ISigner systemSigner) : ISignerProvider, IDisposable
{
    private readonly ConcurrentDictionary<OfficerId, Unlocked> unlocked = new();
    private readonly Lock gate = new();

    /// <summary>Gets the loaded PKCS#11 module.</summary>
    public Pkcs11Module Module => module;

    /// <inheritdoc/>
    public ISigner GetSigner(OfficerId officer) =>
        officer == systemOfficer ? systemSigner
        : unlocked.TryGetValue(officer, out var token) ? token.Signer
        : throw new SignerNotFoundException(officer);

    /// <summary>Returns whether the officer's token is unlocked in this process.</summary>
    public bool IsUnlocked(OfficerId officer) => unlocked.ContainsKey(officer);

    /// <summary>Signs in to the officer's token with the PIN and finds their signing key; a session left from an earlier sign-in is closed first.</summary>
    /// <exception cref="InvalidTokenPinException">The token refused the PIN.</exception>
    /// <exception cref="TokenNotPresentException">The token is not plugged in.</exception>
    /// <exception cref="TokenKeyNotFoundException">The token holds no key for the officer.</exception>
    public void Unlock(OfficerId officer, string tokenLabel, string pin)
    {
        lock (gate)
        {
            Lock(officer);
            var session = module.Login(tokenLabel, pin);
            try
            {
                unlocked[officer] = new Unlocked(session, session.FindSigner(officer));
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }
    }

    /// <summary>Signs out of the officer's token, if signed in.</summary>
    public void Lock(OfficerId officer)
    {
        if (unlocked.TryRemove(officer, out var token))
        {
            token.Session.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var officer in unlocked.Keys)
        {
            Lock(officer);
        }

        module.Dispose();
    }

    private sealed record Unlocked(Pkcs11Session Session, Pkcs11Signer Signer);
}
