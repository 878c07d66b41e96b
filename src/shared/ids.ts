/** Random, collision-safe ids for records created in the browser (layers, drawn parcels, patrols). */
export function newId(prefix = ''): string {
  return `${prefix}${crypto.randomUUID()}`;
}
