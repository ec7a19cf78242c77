#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, then the tarball installed into a temporary prefix as
# `npm install -g` would, and the installed svc-stats run on the bundled data. Fails when the install runs a
# build script or prints a warning, when the tarball lacks the built bundle, or when the figures are wrong.
# Run by .ci/run after npm test; needs the npm registry for the dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm pack --pack-destination "$work" >"$work/pack.log" 2>&1 || { cat "$work/pack.log" >&2; exit 1; }
tarball=("$work"/svc-stats-*.tgz)
tar -tzf "${tarball[0]}" >"$work/contents"
# the bundled CLI, its code cache (made by the build), and the CommonJS shim that loads them
for file in dist/bin/cli-script.js dist/bin/cli-script.cache bin/load-cli.js bin/package.json; do
  if ! grep -qx "package/$file" "$work/contents"; then
    echo "check-pack: the tarball has no $file" >&2
    exit 1
  fi
done

# --foreground-scripts: a lifecycle script that ran would show in the log
npm install -g --prefix "$work/prefix" --foreground-scripts "${tarball[0]}" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; exit 1; }
if grep -Eiq 'warn|> svc-stats@.* (build|prepare|install|postinstall)' "$work/install.log"; then
  echo "check-pack: installing the tarball warned or ran a build script:" >&2
  cat "$work/install.log" >&2
  exit 1
fi

out=$("$work/prefix/bin/svc-stats" coverage data/2005.csv -i population_per_community,committee_members_per_community,centers_per_community --format csv)
expected='unit,year,communities,urban_population,committee_members,service_centers,population_per_community,committee_members_per_community,centers_per_community
全国,2005,79947,562120000,453543,8479,7031,5.67,0.11'
if [ "$out" != "$expected" ]; then
  printf 'check-pack: the installed svc-stats printed\n%s\ninstead of\n%s\n' "$out" "$expected" >&2
  exit 1
fi
# the code cache was made by this Node at pack time: the installed copy, in another folder, must take it
installed=$(dirname "$(readlink -f "$work/prefix/bin/svc-stats")")
if ! node -e 'process.exit(require(process.argv[1]).codeCacheUsed ? 0 : 1)' "$installed/load-cli.js" >/dev/null; then
  echo "check-pack: the installed svc-stats does not use its code cache (dist/bin/cli-script.cache)" >&2
  exit 1
fi
echo "check-pack: $(basename "${tarball[0]}") installs without a build or a warning; svc-stats coverage data/2005.csv gives 7031, 5.67, 0.11, with its code cache"
