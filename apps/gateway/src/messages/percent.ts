/** A share (0.6) as a percentage in the locale's own way ("60 %" in Spanish, "60%" in English). */
export const percentIn = (locale: string) => {
  const format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return (share: number) => format.format(share);
};
