/**
 * The map's colour classes: 0 on its own, then up to four equal, round-numbered steps up to the
 * largest value (counts are whole numbers). A sequential blue scale from the Italia palette,
 * darkest for the most; the numbers are always in the table beside the map as well.
 */
export const ZERO_COLOUR = "#edf1f5";
export const OUTSIDE_COLOUR = "#c4cad1";
export const classColours = ["#cfe2f7", "#8fbbe8", "#3d8ad6", "#0b4f96"] as const;

export interface LegendClass {
  min: number;
  max: number;
  colour: string;
}

function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    const step = factor * magnitude;
    if (step >= raw && Number.isInteger(step)) return step;
  }
  return 10 * magnitude;
}

export function choroplethClasses(maxValue: number): LegendClass[] {
  const classes: LegendClass[] = [{ min: 0, max: 0, colour: ZERO_COLOUR }];
  if (maxValue <= 0) return classes;
  const step = niceStep(maxValue / classColours.length);
  for (let i = 0; i < classColours.length; i++) {
    const min = i * step + 1;
    if (min > maxValue) break;
    classes.push({ min, max: (i + 1) * step, colour: classColours[i]! });
  }
  return classes;
}

export function colourFor(value: number, classes: readonly LegendClass[]): string {
  for (const c of classes) if (value >= c.min && value <= c.max) return c.colour;
  return classes[classes.length - 1]?.colour ?? ZERO_COLOUR;
}
