// leaflet.markercluster is a UMD plugin that extends the global `L`: expose
// Leaflet's CommonJS build as window.L before the plugin module runs.
import L from "leaflet";

window.L = L;
export default L;
