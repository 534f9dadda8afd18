using System.Collections.Concurrent;
using FileFlow.Organisation;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;

namespace FileFlow.Pkcs11.Tests;

/// <summary>Two SoftHSM2 tokens in two slots with officers' keys generated on them and certified by a development authority, shared by the tests of the collection.</summary>
/// <remarks>Built on first use, so a run where every test is skipped never touches the module. Token A holds Ramesh's and Sunita's RSA keys,
/// token B Arvind's RSA key and Meera's ECDSA P-256 key.</remarks>
public sealed class TokenOffice : IDisposable
{
    public const string Pin = "246813";
    public const string SecurityOfficerPin = "13572468";

    public static readonly DateTimeOffset RootFrom = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset RootUntil = new(2045, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset OfficerFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset OfficerUntil = new(2028, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lazy<State> state;

    public TokenOffice()
    {
        state = new Lazy<State>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Pkcs11Module Module => state.Value.Module;

    public DevelopmentCertificateAuthority Root => state.Value.Root;

    public DevelopmentCertificateAuthority Issuing => state.Value.Issuing;

    public Pkcs11Session TokenA => state.Value.A;

    public Pkcs11Session TokenB => state.Value.B;

    public IReadOnlyDictionary<OfficerId, Pkcs11Signer> Signers => state.Value.Signers;

    public static OfficerCertificateRequest Request(OfficerId officer, CertificateKeyAlgorithm algorithm = CertificateKeyAlgorithm.Rsa2048) => new()
    {
        Officer = officer,
        Name = "Officer " + officer.Value,
        Designation = "Section Officer",
        Office = "Directorate of Health Services",
        State = "Kerala",
        Algorithm = algorithm,
        NotBefore = OfficerFrom,
        NotAfter = OfficerUntil,
    };

    public CertificateSignatureVerifier Verifier()
    {
        var options = new CertificateTrustOptions();
        options.TrustAnchors.Add(Root.Root);
        return new CertificateSignatureVerifier(options);
    }

    /// <summary>Initialises a fresh token in the free slot and returns its label.</summary>
    public string NewToken(string prefix) => Pkcs11Provisioning.InitializeToken(Module, SoftHsm.NewLabel(prefix), SecurityOfficerPin, Pin).Label;

    public void Dispose()
    {
        if (state.IsValueCreated)
        {
            state.Value.A.Dispose();
            state.Value.B.Dispose();
            state.Value.Module.Dispose();
        }
    }

    private static State Build()
    {
        if (!SoftHsm.IsPresent)
        {
            throw new InvalidOperationException($"{SoftHsm.RequireVariable}=1 but there is no PKCS#11 module at {SoftHsm.ModulePath}; source .ci/softhsm.sh.");
        }

        var module = Pkcs11Module.Load(SoftHsm.ModulePath);
        var root = DevelopmentCertificateAuthority.CreateRoot("FileFlow Token Test Root CA", RootFrom, RootUntil);
        var issuing = root.CreateIntermediate("FileFlow Token Test Sub-CA", RootFrom, RootUntil);
        var a = module.Login(Pkcs11Provisioning.InitializeToken(module, SoftHsm.NewLabel("ff-a"), SecurityOfficerPin, Pin).Label, Pin);
        var b = module.Login(Pkcs11Provisioning.InitializeToken(module, SoftHsm.NewLabel("ff-b"), SecurityOfficerPin, Pin).Label, Pin);
        var signers = new ConcurrentDictionary<OfficerId, Pkcs11Signer>
        {
            [TestOffice.Ramesh] = Pkcs11Provisioning.IssueOfficerKey(a, issuing, Request(TestOffice.Ramesh)),
            [TestOffice.Sunita] = Pkcs11Provisioning.IssueOfficerKey(a, issuing, Request(TestOffice.Sunita)),
            [TestOffice.Arvind] = Pkcs11Provisioning.IssueOfficerKey(b, issuing, Request(TestOffice.Arvind)),
            [TestOffice.Meera] = Pkcs11Provisioning.IssueOfficerKey(b, issuing, Request(TestOffice.Meera, CertificateKeyAlgorithm.EcdsaP256)),
        };
        return new State(module, root, issuing, a, b, signers);
    }

    private sealed record State(Pkcs11Module Module, DevelopmentCertificateAuthority Root, DevelopmentCertificateAuthority Issuing, Pkcs11Session A, Pkcs11Session B,
        IReadOnlyDictionary<OfficerId, Pkcs11Signer> Signers);
}

/// <summary>The tests that share the two SoftHSM2 tokens.</summary>
[CollectionDefinition(Name)]
public sealed class TokenCollection : ICollectionFixture<TokenOffice>
{
    public const string Name = "SoftHSM2 tokens";
}
