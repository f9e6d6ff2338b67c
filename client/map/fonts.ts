/**
 * Label fonts. The style sets no `glyphs` URL, so MapLibre (≥ 5.11) draws every label locally with
 * TinySDF and treats `text-font` as a CSS font-family list: nothing is downloaded, CJK included.
 * The first family's name decides the weight (MapLibre sniffs "Bold" from it), hence two stacks.
 */
const CJK_FAMILIES = ['Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'sans-serif']

export const LABEL_FONT: string[] = CJK_FAMILIES
export const LABEL_FONT_BOLD: string[] = ['Noto Sans CJK SC Bold', ...CJK_FAMILIES]
