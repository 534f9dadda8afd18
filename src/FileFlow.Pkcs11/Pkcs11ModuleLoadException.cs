namespace FileFlow.Pkcs11;

/// <summary>A PKCS#11 module (the token vendor's shared library) could not be loaded or initialised.</summary>
public sealed class Pkcs11ModuleLoadException : TokenException
{
    /// <summary>Initializes a new instance naming the library and why it could not be loaded.</summary>
    public Pkcs11ModuleLoadException(string libraryPath, string reason, Exception? innerException = null)
        : base($"The PKCS#11 module '{libraryPath}' could not be loaded: {reason}. Install the token's middleware and give the path of its PKCS#11 library.", innerException)
    {
        LibraryPath = libraryPath;
    }

    /// <summary>Gets the path of the library that could not be loaded.</summary>
    public string LibraryPath { get; }
}
