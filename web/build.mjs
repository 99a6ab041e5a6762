// Build the dashboard into the Python package (src/marsad/api/static), so that
// `pip install marsad` serves it with no npm and no network: JS and CSS
// bundled by esbuild, Leaflet's images, the Natural Earth basemap and the
// licences of everything shipped.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "marsad", "api", "static");
const nm = (...p) => join(here, "node_modules", ...p);

// Only what this script writes is removed: the backend owns nothing in static/.
for (const p of ["app.js", "app.css", "index.html", "images", "basemap", "LICENSES.md"]) rmSync(join(out, p), { recursive: true, force: true });
mkdirSync(join(out, "basemap"), { recursive: true });

await build({
  entryPoints: { app: join(here, "src", "main.js") },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: out,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "images/[name]",
  legalComments: "eof",
  logLevel: "info",
});

copyFileSync(join(here, "index.html"), join(out, "index.html"));
// 1:50m countries: detailed enough at governorate zoom, 0.7 MB (the 1:10m file is 3.5 MB).
copyFileSync(nm("world-atlas", "countries-50m.json"), join(out, "basemap", "countries-50m.json"));

// Licences of the shipped third-party code and data, and the credits.
const pkg = (name) => JSON.parse(readFileSync(nm(name, "package.json"), "utf8"));
const licence = (name, file) => readFileSync(nm(name, file), "utf8").trim();
const shipped = [
  ["leaflet", "LICENSE", "the map (bundled in app.js, app.css, images/)"],
  ["leaflet.markercluster", "MIT-LICENCE.txt", "marker clustering (bundled in app.js, app.css)"],
  ["topojson-client", "LICENSE", "reads the TopoJSON basemap (bundled in app.js)"],
  ["world-atlas", "LICENSE", "basemap/countries-50m.json: Natural Earth 1:50m countries as TopoJSON"],
];
let md = `# Third-party code and data shipped with the marsad dashboard

Built from \`web/\` by \`npm run build\`; see web/README.md.

## Natural Earth

The country boundaries in \`basemap/countries-50m.json\` are Natural Earth's
Admin 0 countries, 1:50m, version 4.1.0 (https://www.naturalearthdata.com/),
which are in the public domain, redistributed as TopoJSON by the npm package
world-atlas. "Made with Natural Earth." Boundaries shown are Natural Earth's
de facto lines and imply no judgement on any territory.

`;
for (const [name, file, what] of shipped) {
  const p = pkg(name);
  md += `## ${name} ${p.version} (${p.license})\n\nUsed for: ${what}.\n\n\`\`\`text\n${licence(name, file)}\n\`\`\`\n\n`;
}
writeFileSync(join(out, "LICENSES.md"), md);
if (!existsSync(join(out, "app.js"))) throw new Error("build produced no app.js");
console.log(`dashboard built into ${out}`);
