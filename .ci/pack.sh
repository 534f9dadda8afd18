#!/usr/bin/env bash
# Packs every packable project into ./artifacts (deterministic, CI build) and checks the expected packages exist.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 CI=true
rm -rf artifacts
# One build of every src/ project (a throw-away solution listing them), instead of one `dotnet pack` per project.
packing=$(mktemp -d)
trap 'rm -rf "$packing"' EXIT
dotnet new sln --format sln --name packages --output "$packing" >/dev/null
dotnet sln "$packing/packages.sln" add src/*/*.csproj >/dev/null
dotnet pack "$packing/packages.sln" -c Release -o artifacts -warnaserror
# The version comes from git (MinVer, see Directory.Build.props): read it back from the library's package name.
version=$(cd artifacts && ls FileFlow.[0-9]*.nupkg | sed 's/^FileFlow\.\(.*\)\.nupkg$/\1/')
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || { echo "no version read from artifacts/FileFlow.*.nupkg: '$version'" >&2; exit 1; }
echo "version $version (from git)"
expected=(FileFlow FileFlow.Sqlite)
[ -f src/FileFlow.PostgreSql/FileFlow.PostgreSql.csproj ] && expected+=(FileFlow.PostgreSql)
[ -f src/FileFlow.Pkcs11/FileFlow.Pkcs11.csproj ] && expected+=(FileFlow.Pkcs11)
# The `fileflow` tool ships as FileFlow.Cli: NuGet ids are case-insensitive, so "fileflow" would be the library's id.
[ -f src/FileFlow.Cli/FileFlow.Cli.csproj ] && expected+=(FileFlow.Cli)
status=0
for id in "${expected[@]}"; do
  package="artifacts/${id}.${version}.nupkg"
  if [ ! -f "$package" ]; then
    echo "missing package: $package" >&2; status=1; continue
  fi
  # Each package carries its README, licence expression, XML docs and repository metadata.
  listing=$(unzip -l "$package")
  nuspec=$(unzip -p "$package" "*.nuspec")
  grep -q "README.md" <<<"$listing" || { echo "$package: no README.md" >&2; status=1; }
  grep -q '<license type="expression">Apache-2.0</license>' <<<"$nuspec" || { echo "$package: no Apache-2.0 licence" >&2; status=1; }
  grep -q '<repository type="git"' <<<"$nuspec" || { echo "$package: no repository metadata" >&2; status=1; }
  grep -Eq '<repository [^>]*commit="[0-9a-f]{40}"' <<<"$nuspec" || { echo "$package: no source commit (Source Link)" >&2; status=1; }
  [ -f "artifacts/${id}.${version}.snupkg" ] || { echo "$package: no symbol package" >&2; status=1; }
  if [ "$id" = FileFlow.Cli ]; then
    grep -q '<packageType name="DotnetTool"' <<<"$nuspec" || { echo "$package: not a .NET tool package" >&2; status=1; }
    grep -q "tools/net10.0/any/DotnetToolSettings.xml" <<<"$listing" || { echo "$package: no tool settings" >&2; status=1; }
  else
    grep -q "lib/net10.0/${id}.xml" <<<"$listing" || { echo "$package: no XML docs" >&2; status=1; }
  fi
  echo "ok $package"
done
exit $status
