// A section's FileFlow desk: sign in as a seeded officer, diarise receipts, open service files, note, move and decide them,
// and see every signed movement verified. Plain server-rendered HTML on the embedded SQLite store, bound to 127.0.0.1 only.
//
//   dotnet run --project examples/DepartmentalApp            # http://127.0.0.1:5080, data in ./fileflow-data
//   dotnet run --project examples/DepartmentalApp -- --DepartmentalApp:Port=5099 --DepartmentalApp:DataDirectory=/tmp/ff
var app = DepartmentalApp.AppHost.Build(args);
await app.RunAsync();
