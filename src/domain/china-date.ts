/** Today's calendar date in China (rules count days in Beijing time, whatever the device zone). */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
}
