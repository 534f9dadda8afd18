// A section's FileFlow desk: officers sign in (ASP.NET Core Identity) and unlock their PKCS#11 token with its PIN, diarise receipts with the
// scanned letter, open service files, note, move and decide them, and see every signed movement verified; in Hindi or English.
// Razor Pages and a JSON API on the embedded SQLite store, bound to 127.0.0.1 only; data in ~/.local/share/FileFlowDesk unless configured.
//
//   source .ci/softhsm.sh   # SoftHSM2 for the demo tokens
//   dotnet run --project examples/DepartmentalApp -- --DepartmentalApp:Tokens:Module=$FILEFLOW_TEST_PKCS11_MODULE \
//       --DepartmentalApp:Tokens:DemoPin=246813 --DepartmentalApp:Tokens:DemoSecurityOfficerPin=13572468   # first start only
var app = DepartmentalApp.AppHost.Build(args);
await app.RunAsync();
