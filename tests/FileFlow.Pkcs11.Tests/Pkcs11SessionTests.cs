using FileFlow.Organisation;
using FileFlow.StoreContract;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace FileFlow.Pkcs11.Tests;

[Collection(TokenCollection.Name)]
public sealed class Pkcs11SessionTests(TokenOffice tokens)
{
    [TokenFact]
    public void Login_WrongPin_ThrowsInvalidTokenPinNamingTheToken_WithoutThePin()
    {
        var label = tokens.NewToken("ff-pin");
        const string wrong = "97531246";

        var refused = FluentActions.Invoking(() => tokens.Module.Login(label, wrong)).Should().Throw<InvalidTokenPinException>().Which;

        refused.Token.Should().Be(label);
        refused.IsLocked.Should().BeFalse();
        refused.Message.Should().Contain(label).And.NotContain(wrong).And.NotContain(TokenOffice.Pin);
        using var session = tokens.Module.Login(label, TokenOffice.Pin);
        session.TokenLabel.Should().Be(label, "a refused PIN leaves the token free to sign in to");
    }

    [TokenFact]
    public void Login_TokenNotPresent_ThrowsNamingItAndTheTokensPresent()
    {
        var missing = FluentActions.Invoking(() => tokens.Module.Login("ePass2003 of nobody", TokenOffice.Pin)).Should().Throw<TokenNotPresentException>().Which;

        missing.Token.Should().Be("ePass2003 of nobody");
        missing.Present.Should().Contain(tokens.TokenA.TokenLabel).And.Contain(tokens.TokenB.TokenLabel);
        missing.Message.Should().Contain("ePass2003 of nobody").And.Contain(tokens.TokenA.TokenLabel);
    }

    [TokenFact]
    public void Login_TokenAlreadySignedInByThisProcess_ThrowsInvalidOperation()
    {
        FluentActions.Invoking(() => tokens.Module.Login(tokens.TokenA.TokenLabel, TokenOffice.Pin)).Should().Throw<InvalidOperationException>()
            .WithMessage($"*already signed in to the token '{tokens.TokenA.TokenLabel}'*");
    }

    [TokenFact]
    public void Login_BySerialNumber_FindsTheToken()
    {
        var label = tokens.NewToken("ff-serial");
        var serial = tokens.Module.ListTokens().Single(t => t.Label == label).SerialNumber;

        using var session = tokens.Module.Login(serial, TokenOffice.Pin);

        session.TokenLabel.Should().Be(label);
    }

    [TokenFact]
    public void FindSigner_OfficerOnAnotherToken_ThrowsKeyNotFoundListingWhatIsThere()
    {
        var missing = FluentActions.Invoking(() => tokens.TokenA.FindSigner(TestOffice.Arvind)).Should().Throw<TokenKeyNotFoundException>().Which;

        missing.Token.Should().Be(tokens.TokenA.TokenLabel);
        missing.Message.Should().Contain("officer 'arvind'").And.Contain("'sunita'");
        tokens.TokenB.FindSigner(TestOffice.Arvind).KeyId.Should().Be(tokens.Signers[TestOffice.Arvind].KeyId);
    }

    [TokenFact]
    public void FindSigner_CertificateWhosePrivateKeyWasDeleted_ThrowsKeyNotFound()
    {
        var label = tokens.NewToken("ff-nokey");
        using var session = tokens.Module.Login(label, TokenOffice.Pin);
        Pkcs11Provisioning.IssueOfficerKey(session, tokens.Issuing, TokenOffice.Request(TestOffice.Karan));
        session.Run("delete the key", s =>
        {
            foreach (var key in s.FindAllObjects([s.Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY)]))
            {
                s.DestroyObject(key);
            }

            return 0;
        });

        FluentActions.Invoking(() => session.FindSigner(TestOffice.Karan)).Should().Throw<TokenKeyNotFoundException>()
            .WithMessage($"*'{label}'*officer 'karan'*has no private key with its CKA_ID*");
    }

    [TokenFact]
    public void FindSignerByLabel_TheCertificateObjectsLabel_FindsTheOfficersKey()
    {
        var signer = tokens.TokenB.FindSignerByLabel(TestOffice.Meera.Value);

        signer.Officer.Should().Be(TestOffice.Meera);
        signer.Chain.Should().ContainSingle().Which.Subject.Should().Be(tokens.Issuing.Certificate.Subject, "the sub-CA is stored on the token; the root is not embedded");
    }

    [TokenFact]
    public void CiToken_InitialisedBySoftHsmScript_SignsInWithItsPin()
    {
        var label = Environment.GetEnvironmentVariable("FILEFLOW_TEST_PKCS11_TOKEN");
        var pin = Environment.GetEnvironmentVariable("FILEFLOW_TEST_PKCS11_PIN");
        if (label is null || pin is null)
        {
            Assert.False(SoftHsm.IsRequired, "FILEFLOW_REQUIRE_PKCS11=1 but .ci/softhsm.sh's token variables are not set");
            return;
        }

        using var session = tokens.Module.Login(label, pin);
        var officer = new OfficerId("ci-" + Guid.NewGuid().ToString("N")[..8]);
        var signer = Pkcs11Provisioning.IssueOfficerKey(session, tokens.Issuing, TokenOffice.Request(officer));
        session.FindSigner(officer).KeyId.Should().Be(signer.KeyId);
    }

    /// <summary>Reads attributes of an officer's private key on a token.</summary>
    internal static List<IObjectAttribute> PrivateKeyAttributes(Pkcs11Session session, OfficerId officer, params CKA[] attributes) =>
        session.Run("read", s =>
        {
            var key = s.FindAllObjects(
            [
                s.Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
                s.Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, officer.Value),
            ]).Single();
            return s.GetAttributeValue(key, [.. attributes]);
        });
}
