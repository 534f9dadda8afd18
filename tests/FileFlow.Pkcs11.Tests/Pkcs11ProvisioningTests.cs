using System.Security.Cryptography.X509Certificates;
using FileFlow.Organisation;
using FileFlow.Signing.Certificates;
using FileFlow.StoreContract;
using Net.Pkcs11Interop.Common;

namespace FileFlow.Pkcs11.Tests;

[Collection(TokenCollection.Name)]
public sealed class Pkcs11ProvisioningTests(TokenOffice tokens)
{
    [TokenTheory]
    [InlineData("ramesh")]
    [InlineData("meera")]
    public void IssueOfficerKey_PrivateKeyIsSensitiveAndNeverExtractable(string officer)
    {
        var session = officer == "ramesh" ? tokens.TokenA : tokens.TokenB;

        var attributes = Pkcs11SessionTests.PrivateKeyAttributes(session, new OfficerId(officer),
            CKA.CKA_SENSITIVE, CKA.CKA_EXTRACTABLE, CKA.CKA_ALWAYS_SENSITIVE, CKA.CKA_NEVER_EXTRACTABLE, CKA.CKA_VALUE, CKA.CKA_PRIVATE_EXPONENT);

        attributes[0].GetValueAsBool().Should().BeTrue("CKA_SENSITIVE");
        attributes[1].GetValueAsBool().Should().BeFalse("CKA_EXTRACTABLE");
        attributes[2].GetValueAsBool().Should().BeTrue("CKA_ALWAYS_SENSITIVE");
        attributes[3].GetValueAsBool().Should().BeTrue("CKA_NEVER_EXTRACTABLE");
        (officer == "ramesh" ? attributes[5] : attributes[4]).CannotBeRead.Should().BeTrue("the private value is not readable");
    }

    [TokenFact]
    public void IssueOfficerKey_WrappingThePrivateKeyOut_IsRefusedByTheToken()
    {
        var refused = FluentActions.Invoking(() => tokens.TokenA.Run("wrap", s =>
        {
            var attributes = s.Factories.ObjectAttributeFactory;
            var wrappingKey = s.GenerateKey(s.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN),
            [
                attributes.Create(CKA.CKA_TOKEN, false),
                attributes.Create(CKA.CKA_VALUE_LEN, 32UL),
                attributes.Create(CKA.CKA_WRAP, true),
            ]);
            var key = s.FindAllObjects(
            [
                attributes.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
                attributes.Create(CKA.CKA_LABEL, TestOffice.Sunita.Value),
            ]).Single();
            return s.WrapKey(s.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_WRAP_PAD), wrappingKey, key);
        })).Should().Throw<TokenOperationException>().Which;

        refused.ReturnValue.Should().Be(nameof(CKR.CKR_KEY_UNEXTRACTABLE));
    }

    [TokenFact]
    public void IssueOfficerKey_StoresTheCertificateUnderTheKeysIdAndTheOfficersLabel()
    {
        var signer = tokens.Signers[TestOffice.Sunita];
        var stored = tokens.TokenA.Certificates().Single(c => c.Certificate.RawData.AsSpan().SequenceEqual(signer.Certificate.RawData));
        var keyId = Pkcs11SessionTests.PrivateKeyAttributes(tokens.TokenA, TestOffice.Sunita, CKA.CKA_ID)[0].GetValueAsByteArray();

        stored.Id.Should().Equal(keyId);
        stored.Label.Should().Be("sunita");
        signer.Officer.Should().Be(TestOffice.Sunita);
        signer.KeyId.Should().Be(CertificateKeyId.Of(signer.Certificate));
        signer.Certificate.Issuer.Should().Be(tokens.Issuing.Certificate.Subject);
        signer.Certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().HaveFlag(X509KeyUsageFlags.NonRepudiation);
        tokens.TokenA.Certificates().Count(c => c.Certificate.Subject == tokens.Issuing.Certificate.Subject).Should().Be(1, "the sub-CA is stored once per token");
    }

    [TokenFact]
    public void IssueOfficerKey_Ed25519_ThrowsArgument()
    {
        FluentActions.Invoking(() => Pkcs11Provisioning.IssueOfficerKey(tokens.TokenA, tokens.Issuing, TokenOffice.Request(TestOffice.Neha, CertificateKeyAlgorithm.Ed25519)))
            .Should().Throw<ArgumentException>().WithMessage("*RSA-2048 or ECDSA P-256*");
    }

    [TokenFact]
    public void InitializeToken_GivesAnInitialisedTokenWithTheLabel()
    {
        var label = SoftHsm.NewLabel("ff-init");

        var token = Pkcs11Provisioning.InitializeToken(tokens.Module, label, TokenOffice.SecurityOfficerPin, TokenOffice.Pin);

        token.Label.Should().Be(label);
        token.IsInitialized.Should().BeTrue();
        token.Model.Should().Contain("SoftHSM");
        tokens.Module.ListTokens().Should().Contain(t => t.Label == label);
    }
}
