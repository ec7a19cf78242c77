/**
 * SVG to PNG through resvg (Rust, shipped as a prebuilt binary in an npm optional dependency): no browser, no
 * canvas. Imported lazily like ECharts. resvg has no font fallback of its own beyond what it is given: it loads
 * the system fonts and falls back to a CJK family, so Chinese labels need a CJK font installed (fonts-noto-cjk on
 * Debian/Ubuntu); without one they come out as empty boxes.
 */
/** The first family of FONT_STACK (model.ts): what resvg uses for text whose families it cannot find. */
const DEFAULT_FAMILY = 'Noto Sans CJK SC';

/**
 * Renders an SVG document to PNG bytes, scaled to `width` pixels wide (2× the SVG's width gives a sharp picture).
 * @throws Error when resvg's binary for this platform is not installed, or the SVG does not parse
 */
export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  if (!Number.isInteger(width) || width <= 0) throw new Error(`svgToPng requires a positive whole width, got ${String(width)}`);
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: DEFAULT_FAMILY, sansSerifFamily: DEFAULT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}
