namespace FileFlow.Pkcs11;

/// <summary>A token present in a slot of a PKCS#11 module, as the module describes it.</summary>
/// <param name="Label">The token's label (its 32-character field, trimmed).</param>
/// <param name="SerialNumber">The token's serial number.</param>
/// <param name="Model">The token's model, for example <c>SoftHSM v2</c> or <c>ePass2003</c>.</param>
/// <param name="IsInitialized">Whether the token has been initialised (a fresh SoftHSM2 slot is not).</param>
public sealed record TokenDescription(string Label, string SerialNumber, string Model, bool IsInitialized);
