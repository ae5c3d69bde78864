/* sitrep's desk: the offline basemap's country shapes, made flat for Leaflet.
 *
 * Natural Earth's shapes (world-atlas) are drawn for the sphere: a ring that crosses the antimeridian (Russia,
 * Fiji) runs to 180°E and steps on at 180°W, and Antarctica's ring goes round the South Pole. Leaflet draws on
 * a flat plane, where each such step is a straight line across the whole world. `flatWorld` cuts the shapes
 * instead: each ring gets continuous longitudes (a step of more than 180° is taken the short way, across the
 * antimeridian), a ring that went round a pole is closed along that pole, and the result is clipped into the
 * 360° strips it covers, each piece shifted back into [-180°, 180°]. The outlines are drawn apart from the
 * fills, without the cut and the pole edges, which are no coast and no border.
 */
(function (root) {
  'use strict';

  const POLAR = 89.999; // |latitude| from which an edge runs along a pole

  /** Longitudes made continuous, and the degrees the ring gained going round (±360 round a pole, else 0). */
  function unwrap(ring) {
    const out = [[ring[0][0], ring[0][1]]];
    let shift = 0;
    for (let i = 1; i < ring.length; i++) {
      const step = ring[i][0] - ring[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
      out.push([ring[i][0] + shift, ring[i][1]]);
    }
    return { points: out, turn: shift };
  }

  /** A closed ring as a flat polygon: unwrapped, closed along its pole if it goes round one; open (no repeat). */
  function flatRing(ring) {
    const { points, turn } = unwrap(ring);
    points.pop(); // the closing point (the first one, possibly 360° on)
    if (turn !== 0) {
      const first = points[0];
      const pole = points.reduce((sum, p) => sum + p[1], 0) < 0 ? -90 : 90;
      points.push([first[0] + turn, first[1]], [first[0] + turn, pole], [first[0], pole]);
    }
    return points;
  }

  /** Sutherland-Hodgman: the part of a polygon on one side of the meridian x = bound. */
  function clipSide(points, bound, keepEast) {
    const inside = (p) => (keepEast ? p[0] >= bound : p[0] <= bound);
    const out = [];
    for (let i = 0; i < points.length; i++) {
      const a = points[i];
      const b = points[(i + 1) % points.length];
      if (inside(a)) out.push(a);
      if (inside(a) !== inside(b)) out.push([bound, a[1] + ((bound - a[0]) * (b[1] - a[1])) / (b[0] - a[0])]);
    }
    return out;
  }

  /** The piece of a flat polygon in strip k ([-180 + 360k, 180 + 360k]), shifted into [-180, 180] and closed;
   * null when nothing of it is there. */
  function piece(points, k) {
    const lo = -180 + 360 * k;
    const clipped = clipSide(clipSide(points, lo, true), lo + 360, false);
    if (clipped.length < 3) return null;
    const ring = clipped.map((p) => [p[0] - 360 * k, p[1]]);
    ring.push(ring[0]);
    return ring;
  }

  const stripOf = (lon) => Math.floor((lon + 180) / 360);

  /** A GeoJSON polygon's rings (outer, then holes) as polygons none of which crosses the antimeridian. */
  function cutPolygon(rings) {
    const outer = flatRing(rings[0]);
    const lons = outer.map((p) => p[0]);
    const west = Math.min(...lons);
    const east = Math.max(...lons);
    const holes = rings.slice(1).map((hole) => {
      const flat = flatRing(hole);
      // A hole unwraps from its own first point: shift it by whole turns into the outer ring's frame.
      const turns = Math.floor((flat[0][0] - west) / 360);
      return flat.map((p) => [p[0] - 360 * turns, p[1]]);
    });
    const out = [];
    for (let k = stripOf(west); k <= stripOf(east - 1e-9); k++) {
      const shell = piece(outer, k);
      if (shell) out.push([shell, ...holes.map((h) => piece(h, k)).filter(Boolean)]);
    }
    return out;
  }

  /** A ring's real edges as lines: not the steps across the antimeridian, not the edges along it or a pole. */
  function borderLines(ring) {
    const lines = [];
    let line = [ring[0]];
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1];
      const b = ring[i];
      const artificial =
        Math.abs(b[0] - a[0]) > 180 ||
        (Math.abs(a[0]) === 180 && a[0] === b[0]) ||
        (Math.abs(a[1]) >= POLAR && Math.abs(b[1]) >= POLAR);
      if (artificial) {
        if (line.length > 1) lines.push(line);
        line = [b];
      } else {
        line.push(b);
      }
    }
    if (line.length > 1) lines.push(line);
    return lines;
  }

  function polygonsOf(geometry) {
    if (!geometry) return [];
    if (geometry.type === 'Polygon') return [geometry.coordinates];
    if (geometry.type === 'MultiPolygon') return geometry.coordinates;
    return [];
  }

  /** The land (MultiPolygons, cut at the antimeridian) and the borders (MultiLineStrings) of a
   * FeatureCollection of countries, as two FeatureCollections with the countries' properties. */
  function flatWorld(countries) {
    const land = [];
    const borders = [];
    for (const feature of countries.features) {
      const polygons = polygonsOf(feature.geometry);
      if (!polygons.length) continue;
      land.push({ type: 'Feature', properties: feature.properties,
        geometry: { type: 'MultiPolygon', coordinates: polygons.flatMap(cutPolygon) } });
      borders.push({ type: 'Feature', properties: feature.properties,
        geometry: { type: 'MultiLineString', coordinates: polygons.flat().flatMap(borderLines) } });
    }
    return { land: { type: 'FeatureCollection', features: land },
      borders: { type: 'FeatureCollection', features: borders } };
  }

  const api = { flatWorld, cutPolygon, borderLines };
  if (typeof module === 'object' && module.exports) module.exports = api; // node, for checks by hand
  else root.sitrepAntimeridian = api;
})(this);
