using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.HighLevelAPI;

namespace FileFlow.Pkcs11;

/// <summary>Lets Pkcs11Interop find <c>dlopen</c> on Linux distributions that ship only <c>libdl.so.2</c> (glibc 2.34 and later without libc6-dev).</summary>
/// <remarks>Pkcs11Interop imports <c>dlopen</c> and friends from "libdl"; this resolver maps that name to <c>libdl.so.2</c>, or to <c>libc.so.6</c> which
/// holds them since glibc 2.34. An application that set its own resolver for Pkcs11Interop keeps it.</remarks>
internal static class NativeLoader
{
    private static int installed;

    public static void EnsureInstalled()
    {
        if (Interlocked.Exchange(ref installed, 1) != 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The application set a resolver for Pkcs11Interop already; it decides.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "libdl")
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
}
