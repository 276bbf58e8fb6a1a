/**
 * A small SVG chart of horizontal bars, written by the benchmark and the load test next
 * to their JSON results: one or more panels stacked, each with groups of bars (one bar per
 * series), a zero line, optionally a dashed target line, and the value at the end of each
 * bar. No dependencies, no scripts, fixed size: it renders the same on GitHub and in a
 * browser.
 */

/** One bar. */
interface Bar {
  series: string;
  value: number;
  /** Text shown at the end of the bar (default: the value with two decimals). */
  label?: string;
}

/** One panel: a title, groups of bars, an optional target. */
export interface Panel {
  title: string;
  groups: { label: string; bars: Bar[] }[];
  target?: { value: number; label: string };
}

const WIDTH = 760;
const LABEL_WIDTH = 190;
const VALUE_ROOM = 90;
const BAR = 13;
const BAR_GAP = 3;
const GROUP_GAP = 9;
const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#9c755f', '#b07aa1', '#76b7b2', '#e15759'];

/** Small text with a white halo, legible where it crosses a bar or the target line. */
const SMALL = 'font-size="11" stroke="#fff" stroke-width="3" paint-order="stroke"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const text = (x: number, y: number, s: string, attrs = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}"${attrs ? ` ${attrs}` : ''}>${esc(s)}</text>`;

/** Renders `panels` under `title`, with an optional footnote; returns the SVG document. */
export function renderChart(title: string, panels: Panel[], footnote?: string): string {
  const series = [...new Set(panels.flatMap((p) => p.groups.flatMap((g) => g.bars.map((b) => b.series))))];
  const color = (s: string) => COLORS[series.indexOf(s) % COLORS.length]!;
  const parts: string[] = [];
  let y = 28;
  parts.push(text(12, y, title, 'font-size="15" font-weight="bold"'));
  y += 14;
  for (const panel of panels) {
    y += 20;
    parts.push(text(12, y, panel.title, 'font-size="13" font-weight="bold"'));
    const inPanel = [...new Set(panel.groups.flatMap((g) => g.bars.map((b) => b.series)))];
    let lx = 12;
    y += 16;
    for (const s of inPanel) {
      parts.push(`<rect x="${lx}" y="${y - 9}" width="10" height="10" fill="${color(s)}"/>`, text(lx + 14, y, s, SMALL));
      lx += 24 + s.length * 6.2;
    }
    const values = panel.groups.flatMap((g) => g.bars.map((b) => b.value)).filter(Number.isFinite);
    const lo = Math.min(0, ...values);
    const hi = Math.max(0, ...values, panel.target?.value ?? 0);
    const span = hi - lo || 1;
    const x0 = LABEL_WIDTH;
    const plot = WIDTH - LABEL_WIDTH - VALUE_ROOM;
    const sx = (v: number) => x0 + ((v - lo) / span) * plot;
    const top = y + 8;
    y = top;
    // The zero and target lines go under the bars and labels, inserted here once the height is known.
    const linesAt = parts.length;
    for (const group of panel.groups) {
      const h = group.bars.length * (BAR + BAR_GAP) - BAR_GAP;
      parts.push(text(x0 - 8, y + h / 2 + 4, group.label, 'font-size="12" text-anchor="end"'));
      for (const bar of group.bars) {
        const v = Number.isFinite(bar.value) ? bar.value : 0;
        const a = sx(Math.min(0, v));
        const w = Math.max(1, Math.abs(sx(v) - sx(0)));
        parts.push(`<rect x="${a.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${color(bar.series)}"/>`);
        const label = bar.label ?? (Number.isFinite(bar.value) ? bar.value.toFixed(2) : 'n/a');
        // Right of the bar, or of the zero line for a negative one (its left is the group labels').
        parts.push(text(v < 0 ? sx(0) + 4 : a + w + 4, y + BAR - 2, label, SMALL));
        y += BAR + BAR_GAP;
      }
      y += GROUP_GAP - BAR_GAP;
    }
    const bottom = y - GROUP_GAP + BAR_GAP + 4;
    const lines = [
      `<line x1="${sx(0).toFixed(1)}" y1="${top - 4}" x2="${sx(0).toFixed(1)}" y2="${bottom}" stroke="#333" stroke-width="1"/>`,
    ];
    if (panel.target) {
      const tx = sx(panel.target.value).toFixed(1);
      lines.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${bottom}" stroke="#e15759" stroke-width="1.5" stroke-dasharray="5,3"/>`);
      parts.push(text(Number(tx) + 4, bottom + 12, panel.target.label, 'font-size="11" fill="#e15759"'));
      y = bottom + 14;
    } else {
      y = bottom;
    }
    parts.splice(linesAt, 0, ...lines);
  }
  if (footnote) {
    y += 22;
    for (const line of footnote.split('\n')) {
      parts.push(text(12, y, line, 'font-size="10" fill="#555"'));
      y += 13;
    }
  }
  const height = Math.ceil(y + 10);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
