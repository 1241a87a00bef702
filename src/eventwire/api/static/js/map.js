// Map: Natural Earth countries (world-atlas TopoJSON, ISO 3166-1 numeric ids) drawn as the
// basemap with no tile server, shaded by events per country (GET /geo?level=country, rows
// carrying iso_n3), and the event places (GET /geo) as clustered markers. Clicking a cluster or
// a place narrows the event list to its area (bbox); clicking a country sets the country filter.

import { apiGet, isAbort, results } from "./api.js";
import { fmtNumber, h, libsReady } from "./dom.js";

const WORLD_URL = "/static/vendor/world-atlas/countries-110m.json";

function featuresOf(body) {
  if (body && body.type === "FeatureCollection") return body.features || [];
  const rows = results(body);
  if (rows.length === 1 && rows[0]?.type === "FeatureCollection") return rows[0].features || [];
  return rows;
}

function propsOf(item) {
  return item && item.type === "Feature" ? { ...(item.properties || {}) } : { ...(item || {}) };
}

function count(props) {
  return Number(props.count ?? props.events ?? props.num_events ?? 0) || 0;
}

function goldstein(props) {
  const g = props.mean_goldstein ?? props.goldstein ?? props.avg_goldstein;
  return g === null || g === undefined ? null : Number(g);
}

/** bbox as the API takes it: min_lon,min_lat,max_lon,max_lat (rounded, clipped to the world). */
export function bboxParam(bounds) {
  const clip = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const r = (v) => Math.round(v * 1e4) / 1e4;
  return [r(clip(bounds.getWest(), -180, 180)), r(clip(bounds.getSouth(), -90, 90)),
    r(clip(bounds.getEast(), -180, 180)), r(clip(bounds.getNorth(), -90, 90))].join(",");
}

/**
 * Countries ready for Leaflet: Antarctica left out (nothing is coded there, and Mercator cannot
 * draw the pole), and the rings that cross the antimeridian (Russia, Fiji) moved east so that
 * they are not drawn as a line across the whole map.
 */
export function basemapFeatures(countries) {
  const unwrap = (ring) => {
    const jumps = ring.some((pt, i) => i > 0 && Math.abs(pt[0] - ring[i - 1][0]) > 180);
    return jumps ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring;
  };
  const features = [];
  for (const feature of countries.features) {
    if (feature.id === "010") continue;
    const geometry = feature.geometry;
    if (!geometry) continue;
    const coordinates = geometry.type === "Polygon" ? geometry.coordinates.map(unwrap)
      : geometry.type === "MultiPolygon" ? geometry.coordinates.map((polygon) => polygon.map(unwrap)) : geometry.coordinates;
    features.push({ ...feature, geometry: { ...geometry, coordinates } });
  }
  return { type: "FeatureCollection", features };
}

export class EventMap {
  constructor(el, { onArea, onCountry, onStatus }) {
    this.el = el;
    this.onArea = onArea;
    this.onCountry = onCountry;
    this.onStatus = onStatus;
    this.countryLayer = null;
    this.byIsoN3 = new Map();
    // The shapes are fetched at once; the map is made when Leaflet has loaded.
    const world = fetch(WORLD_URL).then((response) => response.json());
    this.ready = libsReady.then(() => this.create()).then(() => world).then((data) => this.drawBasemap(data));
  }

  create() {
    this.map = window.L.map(this.el, { worldCopyJump: false, minZoom: 1, maxZoom: 10, zoomSnap: 0.5, attributionControl: true })
      .setView([25, 20], 1.5);
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Natural Earth (world-atlas) · Leaflet");
    this.clusters = window.L.markerClusterGroup({
      showCoverageOnHover: true,
      zoomToBoundsOnClick: false,
      maxClusterRadius: 45,
      iconCreateFunction: (cluster) => {
        const total = cluster.getAllChildMarkers().reduce((sum, m) => sum + (m.options.eventCount || 0), 0);
        return this.icon(total, "cluster");
      },
    });
    this.clusters.on("clusterclick", (e) => {
      const bounds = e.layer.getBounds().pad(0.1);
      this.map.fitBounds(bounds, { maxZoom: 8 });
      this.onArea(bboxParam(bounds), `${fmtNumber(e.layer.getChildCount())} places`);
    });
    this.clusters.addTo(this.map);
  }

  icon(total, kind) {
    const size = total >= 1000 ? 44 : total >= 100 ? 38 : total >= 10 ? 32 : 26;
    // Leaflet takes an element here, so the count goes in as text, not markup.
    const html = h("div", { class: `marker-${kind}` }, h("span", {}, fmtNumber(total)));
    return window.L.divIcon({ html, className: "event-marker", iconSize: [size, size] });
  }

  drawBasemap(world) {
    const countries = basemapFeatures(window.topojson.feature(world, world.objects.countries));
    this.countryLayer = window.L.geoJSON(countries, {
      style: () => this.countryStyle(null),
      onEachFeature: (feature, layer) => {
        layer.on("click", () => {
          const row = this.byIsoN3.get(String(feature.id));
          const code = row?.country || row?.iso3 || row?.code;
          if (code) this.onCountry(code);
        });
        layer.bindTooltip(() => this.countryTooltip(feature), { sticky: true });
      },
    }).addTo(this.map);
    this.countryLayer.bringToBack();
    this.el.dataset.basemap = String(countries.features.length);
  }

  countryStyle(row) {
    const n = row ? count(row) : 0;
    const shade = n ? Math.min(0.85, 0.2 + Math.log10(n + 1) / 4) : 0;
    return { color: "#8a94a6", weight: 0.6, fillColor: n ? "#3b6fb6" : "#e9ecf1", fillOpacity: n ? shade : 1 };
  }

  countryTooltip(feature) {
    const row = this.byIsoN3.get(String(feature.id));
    const name = feature.properties?.name || "";
    if (!row) return h("div", {}, name);
    const g = goldstein(row);
    return h("div", {}, h("strong", {}, name), h("br"), `${fmtNumber(count(row))} events`,
      g === null ? "" : ` · mean Goldstein ${fmtNumber(g, 1)}`);
  }

  async load(params) {
    let points;
    let countries;
    try {
      [points, countries] = await Promise.all([
        apiGet("/geo", params, "geo"),
        apiGet("/geo", { ...params, level: "country" }, "geo-country"),
      ]);
      await this.ready;
    } catch (error) {
      if (isAbort(error)) return false;
      this.onStatus(error);
      return true;
    }
    this.byIsoN3 = new Map();
    for (const item of featuresOf(countries)) {
      const props = propsOf(item);
      if (props.iso_n3 !== null && props.iso_n3 !== undefined) this.byIsoN3.set(String(props.iso_n3).padStart(3, "0"), props);
    }
    this.countryLayer?.setStyle((feature) => this.countryStyle(this.byIsoN3.get(String(feature.id))));
    this.drawPlaces(featuresOf(points));
    return true;
  }

  drawPlaces(features) {
    this.clusters.clearLayers();
    const markers = [];
    for (const feature of features) {
      const coords = feature?.geometry?.coordinates;
      if (!Array.isArray(coords) || coords.length < 2) continue;
      const [lon, lat] = coords.map(Number);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const props = propsOf(feature);
      const n = count(props) || 1;
      const marker = window.L.marker([lat, lon], { icon: this.icon(n, "place"), eventCount: n });
      const name = props.name || props.place_name || props.place || "";
      marker.bindTooltip(() => {
        const g = goldstein(props);
        return h("div", {}, h("strong", {}, name || `${lat.toFixed(2)}, ${lon.toFixed(2)}`), h("br"),
          `${fmtNumber(n)} events`, g === null ? "" : ` · mean Goldstein ${fmtNumber(g, 1)}`);
      });
      marker.on("click", () => {
        const d = 0.05;
        const bounds = window.L.latLngBounds([lat - d, lon - d], [lat + d, lon + d]);
        this.onArea(bboxParam(bounds), name || "one place");
      });
      markers.push(marker);
    }
    this.clusters.addLayers(markers);
    // Show where the events are (at most a region's zoom, so one place does not fill the map).
    // Without animation the clusters are final when the panel reports loaded: an animated zoom
    // re-clusters later and replaces the markers under a click made in between.
    if (markers.length) this.map.fitBounds(this.clusters.getBounds().pad(0.35), { maxZoom: 4, animate: false });
    else this.map.setView([25, 20], 1.5, { animate: false });
    this.el.dataset.places = String(markers.length);
    this.el.dataset.drawn = "1";
  }

  invalidate() {
    this.map?.invalidateSize();
  }
}
