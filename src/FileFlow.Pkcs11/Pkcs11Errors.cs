using Net.Pkcs11Interop.Common;

namespace FileFlow.Pkcs11;

/// <summary>Turns a module's return values into FileFlow's token errors.</summary>
internal static class Pkcs11Errors
{
    public static TokenException Translate(Pkcs11Module module, string token, string operation, Pkcs11Exception error)
    {
        if (error.RV is CKR.CKR_DEVICE_REMOVED or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_SESSION_CLOSED or CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_TOKEN_NOT_RECOGNIZED)
        {
            string[] present;
            try
            {
                present = module.ListTokens().Where(t => t.IsInitialized).Select(t => t.Label).ToArray();
            }
            catch (Pkcs11Exception)
            {
                present = [];
            }

            return new TokenNotPresentException(token, present, error);
        }

        return new TokenOperationException(token, operation, error.RV.ToString(), error);
    }
}
