/** Area units of land administration: 1 公顷 = 10,000 m² = 15 亩. */
export const SQUARE_METRES_PER_MU = 10_000 / 15;
export const SQUARE_METRES_PER_HECTARE = 10_000;

export const squareMetresToMu = (m2: number): number => m2 / SQUARE_METRES_PER_MU;
export const squareMetresToHectares = (m2: number): number => m2 / SQUARE_METRES_PER_HECTARE;
export const muToSquareMetres = (mu: number): number => mu * SQUARE_METRES_PER_MU;
export const hectaresToSquareMetres = (ha: number): number => ha * SQUARE_METRES_PER_HECTARE;

/** 亩 with two decimals, as shown everywhere first. */
export function formatMu(m2: number): string {
  return squareMetresToMu(m2).toFixed(2);
}
