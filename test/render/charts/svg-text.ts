/** A light reading of ECharts' SVG output for tests: its <text> elements with their position. */
export interface SvgText {
  content: string;
  x: number;
  y: number;
  anchor: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };

export function svgTexts(svg: string): SvgText[] {
  const texts: SvgText[] = [];
  for (const match of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const attributes = match[1]!;
    const translate = /translate\(([-\d.]+)[ ,]([-\d.]+)\)/.exec(attributes);
    const x = Number(/\sx="([-\d.]+)"/.exec(attributes)?.[1] ?? 0) + Number(translate?.[1] ?? 0);
    const y = Number(/\sy="([-\d.]+)"/.exec(attributes)?.[1] ?? 0) + Number(translate?.[2] ?? 0);
    const anchor = /text-anchor="(\w+)"/.exec(attributes)?.[1] ?? 'start';
    texts.push({ content: match[2]!.replace(/&(amp|lt|gt|quot|#39|apos);/g, (e) => ENTITIES[e]!), x, y, anchor });
  }
  return texts;
}
