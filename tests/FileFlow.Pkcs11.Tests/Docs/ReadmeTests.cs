using FileFlow.Organisation;
using FileFlow.Signing;
using FileFlow.StoreContract;

namespace FileFlow.Pkcs11.Tests.Docs;

/// <summary>The README's "Officers' keys on tokens" sample is this code, and it signs in to a real token and signs.</summary>
[Collection(TokenCollection.Name)]
public sealed class ReadmeTests(TokenOffice tokens)
{
    [TokenFact]
    public async Task The_README_token_sample_is_this_code_and_signs_a_record_that_verifies()
    {
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(Root(), "tests", "FileFlow.Pkcs11.Tests", "Docs", "ReadmeTests.cs")).ReplaceLineEndings("\n");
        var start = source.IndexOf("// begin-snippet\n", StringComparison.Ordinal) + "// begin-snippet\n".Length;
        var end = source.IndexOf("        // end-snippet", start, StringComparison.Ordinal);
        var snippet = string.Join('\n', source[start..end].TrimEnd('\n').Split('\n').Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        readme.Should().Contain("## Officers' keys on tokens").And.Contain(snippet);

        var label = tokens.NewToken("ff-readme");
        using (var setup = tokens.Module.Login(label, TokenOffice.Pin))
        {
            Pkcs11Provisioning.IssueOfficerKey(setup, tokens.Issuing, TokenOffice.Request(TestOffice.Sunita));
        }

        var signers = new SignerRegistry();
        var (modulePath, tokenLabel, pin) = (SoftHsm.ModulePath, label, TokenOffice.Pin);
        // begin-snippet
        // The token vendor's PKCS#11 module (SoftHSM2 here; a ProxKey's or an ePass2003's middleware installs its own).
        using var module = Pkcs11Module.Load(modulePath);
        // The officer's PIN goes to the token once, at sign-in; FileFlow keeps it nowhere.
        using var token = module.Login(tokenLabel, pin);
        // The certificate naming the officer (its UID, or the object's label) and the private key with the same CKA_ID.
        var signer = token.FindSigner(new OfficerId("sunita"));
        signers.Register(new OfficerId("sunita"), signer);   // SignerRegistry: the ISignerProvider the engine signs through
        // end-snippet

        var office = TestOffice.Create();
        office.Signers.Register(TestOffice.Ramesh, tokens.Signers[TestOffice.Ramesh]);
        office.Signers.Register(TestOffice.Sunita, signers.GetSigner(TestOffice.Sunita));
        var file = await office.OpenFileAsync();
        await office.FireAsync(file.Id, Documents.DocumentTrigger.Forward, TestOffice.Ramesh, TestOffice.SectionOfficer);
        await office.FireAsync(file.Id, Documents.DocumentTrigger.Return, TestOffice.Sunita);
        var report = await new Audit.StoreVerifier(tokens.Verifier(), office.Chart).VerifyAllAsync(office.Store);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Failures));
    }

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FileFlow.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FileFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
