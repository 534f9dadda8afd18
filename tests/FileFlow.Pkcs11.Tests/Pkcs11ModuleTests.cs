namespace FileFlow.Pkcs11.Tests;

public sealed class Pkcs11ModuleTests
{
    [Fact]
    public void Load_NoFileAtThePath_ThrowsModuleLoadNamingThePath()
    {
        var failed = FluentActions.Invoking(() => Pkcs11Module.Load("/opt/nowhere/libepass2003.so")).Should().Throw<Pkcs11ModuleLoadException>().Which;

        failed.LibraryPath.Should().Be("/opt/nowhere/libepass2003.so");
        failed.Message.Should().Contain("/opt/nowhere/libepass2003.so").And.Contain("no file");
    }

    [Fact]
    public void Load_ASharedLibraryThatIsNotPkcs11_ThrowsModuleLoad()
    {
        var notPkcs11 = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "libSystem.Native.so");
        File.Exists(notPkcs11).Should().BeTrue();

        FluentActions.Invoking(() => Pkcs11Module.Load(notPkcs11)).Should().Throw<Pkcs11ModuleLoadException>()
            .Which.Message.Should().Contain("libSystem.Native.so");
    }

    [Fact]
    public void Load_AFileThatIsNoLibrary_ThrowsModuleLoad()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a shared object");

            FluentActions.Invoking(() => Pkcs11Module.Load(path)).Should().Throw<Pkcs11ModuleLoadException>();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TokenFact]
    public void Load_TwiceFromOnePath_SharesTheLibrary_UntilTheLastIsDisposed()
    {
        using var first = Pkcs11Module.Load(SoftHsm.ModulePath);
        var second = Pkcs11Module.Load(SoftHsm.ModulePath);
        second.Dispose();

        first.ListTokens().Should().NotBeEmpty("disposing one module leaves the library initialised for the other");
        FluentActions.Invoking(second.ListTokens).Should().Throw<ObjectDisposedException>();
    }
}
