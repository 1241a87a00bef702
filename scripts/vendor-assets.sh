#!/usr/bin/env bash
# Re-vendor the dashboard's front-end assets from npm into src/eventwire/api/static/vendor/.
#
# Run by a developer after changing a version in frontend/package.json (then `npm install` there
# once to update package-lock.json). Never run at install, at run time or by `make test`: the
# vendored files are committed, and the dashboard works offline with no CDN.
#
#   scripts/vendor-assets.sh          # npm ci in frontend/, copy the files, write VENDORED.json/.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FRONTEND=$ROOT/frontend
VENDOR=$ROOT/src/eventwire/api/static/vendor
NM=$FRONTEND/node_modules

command -v npm >/dev/null || { echo "vendor-assets: npm is needed (Debian: apt-get install -y npm)" >&2; exit 2; }
(cd "$FRONTEND" && npm ci --no-audit --no-fund --ignore-scripts)

rm -rf "$VENDOR"
mkdir -p "$VENDOR"

# copy PACKAGE DEST_DIR FILE... : FILE paths are relative to the package folder in node_modules.
copy() {
  local package=$1 dest=$VENDOR/$2
  shift 2
  mkdir -p "$dest"
  for file in "$@"; do
    mkdir -p "$dest/$(dirname "$file")"
    cp "$NM/$package/$file" "$dest/$(basename "$file")"
  done
}

copy leaflet leaflet dist/leaflet.js dist/leaflet.css LICENSE
mkdir -p "$VENDOR/leaflet/images" && cp "$NM"/leaflet/dist/images/*.png "$VENDOR/leaflet/images/"
copy leaflet.markercluster leaflet.markercluster dist/leaflet.markercluster.js dist/MarkerCluster.css \
  dist/MarkerCluster.Default.css MIT-LICENCE.txt
copy world-atlas world-atlas countries-110m.json LICENSE
copy topojson-client topojson-client dist/topojson-client.min.js LICENSE
copy vega vega build/vega.min.js LICENSE
copy vega-lite vega-lite build/vega-lite.min.js LICENSE
copy vega-embed vega-embed build/vega-embed.min.js LICENSE
copy swagger-ui-dist swagger-ui swagger-ui-bundle.js swagger-ui-bundle.js.LICENSE.txt swagger-ui.css favicon-32x32.png \
  LICENSE NOTICE

# Source-map comments point at .map files we do not ship: drop them so no browser asks for them.
find "$VENDOR" \( -name '*.js' -o -name '*.css' \) -exec sed -i -E '/^\/[\/*][#@] sourceMappingURL=/d' {} +

# VENDORED.json and VENDORED.md: name, version, licence, npm source and files of each asset,
# read from the installed packages' own package.json (so they match what was copied).
node - "$NM" "$VENDOR" <<'JS'
const fs = require("fs"), path = require("path");
const [nm, vendor] = process.argv.slice(2);
const assets = [
  ["leaflet", "leaflet", "map"],
  ["leaflet.markercluster", "leaflet.markercluster", "map marker clusters"],
  ["world-atlas", "world-atlas", "Natural Earth 1:110m country shapes (TopoJSON, ISO 3166-1 numeric ids); the shapes are public domain"],
  ["topojson-client", "topojson-client", "TopoJSON to GeoJSON for the basemap"],
  ["vega", "vega", "charts (runtime)"],
  ["vega-lite", "vega-lite", "charts (grammar)"],
  ["vega-embed", "vega-embed", "charts (embedding)"],
  ["swagger-ui-dist", "swagger-ui", "the API's /docs page"],
];
const rows = assets.map(([pkg, dir, use]) => {
  const meta = JSON.parse(fs.readFileSync(path.join(nm, pkg, "package.json"), "utf8"));
  const files = fs.readdirSync(path.join(vendor, dir), { recursive: true })
    .filter((f) => fs.statSync(path.join(vendor, dir, f)).isFile()).sort();
  return { name: pkg, version: meta.version, license: meta.license, npm: `${pkg}@${meta.version}`,
           homepage: meta.homepage || null, folder: `vendor/${dir}`, used_for: use, files };
});
fs.writeFileSync(path.join(vendor, "VENDORED.json"), JSON.stringify(rows, null, 2) + "\n");
const md = ["# Vendored front-end assets", "",
  "Copied from npm by `scripts/vendor-assets.sh` (versions pinned in `frontend/package.json` and",
  "`frontend/package-lock.json`). Served by `eventwire serve` from this folder; nothing is loaded from a CDN.",
  "Each folder holds the package's own licence file.", "",
  "| package | version | licence | folder | used for |", "|---|---|---|---|---|",
  ...rows.map((r) => `| \`${r.npm}\` | ${r.version} | ${r.license} | \`${r.folder}\` | ${r.used_for} |`), ""];
fs.writeFileSync(path.join(vendor, "VENDORED.md"), md.join("\n"));
JS
echo "vendored into $VENDOR:" && du -sh "$VENDOR"/*/
