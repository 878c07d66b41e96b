/** Hand-drawn SVG charts (no chart package): horizontal bars and a donut, labels as text nodes. */

const PALETTE = [
  '#1f4e79',
  '#d97706',
  '#15803d',
  '#b42318',
  '#7c3aed',
  '#0e7490',
  '#a16207',
  '#be185d',
  '#4b5563',
];

export interface ChartDatum {
  label: string;
  value: number;
}

export function BarChart({ data, unit, title }: { data: ChartDatum[]; unit: string; title: string }) {
  const rows = data.slice(0, 12);
  const max = Math.max(1e-9, ...rows.map((d) => d.value));
  const rowHeight = 22;
  const labelWidth = 150;
  const barWidth = 260;
  const height = rows.length * rowHeight + 4;
  return (
    <svg
      className="chart"
      role="img"
      aria-label={title}
      viewBox={`0 0 ${labelWidth + barWidth + 90} ${height}`}
      width="100%"
      data-testid="bar-chart"
    >
      {rows.map((d, i) => {
        const width = (d.value / max) * barWidth;
        const y = i * rowHeight + 2;
        return (
          <g key={`${d.label}\u0000${d.value}`}>
            <text x={labelWidth - 6} y={y + 14} textAnchor="end" fontSize="11">
              {d.label.length > 16 ? `${d.label.slice(0, 15)}…` : d.label}
            </text>
            <rect
              x={labelWidth}
              y={y + 3}
              width={Math.max(1, width)}
              height={rowHeight - 8}
              fill={PALETTE[i % PALETTE.length]}
            />
            <text x={labelWidth + width + 4} y={y + 14} fontSize="11">
              {`${d.value.toFixed(2)} ${unit}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function DonutChart({ data, title }: { data: ChartDatum[]; title: string }) {
  const total = data.reduce((sum, d) => sum + d.value, 0);
  const radius = 60;
  const stroke = 26;
  const circumference = 2 * Math.PI * radius;
  let offset = 0;
  const top = data.slice(0, 8);
  const rest = data.slice(8).reduce((sum, d) => sum + d.value, 0);
  const slices = rest > 0 ? [...top, { label: '…', value: rest }] : top;
  return (
    <svg
      className="chart donut"
      role="img"
      aria-label={title}
      viewBox="0 0 340 160"
      width="100%"
      data-testid="donut-chart"
    >
      <g transform="translate(80 80) rotate(-90)">
        {total > 0 &&
          slices.map((d, i) => {
            const length = (d.value / total) * circumference;
            const dash = `${length} ${circumference - length}`;
            const circle = (
              <circle
                key={`${d.label}\u0000${d.value}`}
                r={radius}
                fill="none"
                stroke={PALETTE[i % PALETTE.length]}
                strokeWidth={stroke}
                strokeDasharray={dash}
                strokeDashoffset={-offset}
              />
            );
            offset += length;
            return circle;
          })}
      </g>
      {slices.map((d, i) => (
        <g key={`legend-${d.label}\u0000${d.value}`} transform={`translate(170 ${12 + i * 16})`}>
          <rect width="10" height="10" fill={PALETTE[i % PALETTE.length]} />
          <text x="14" y="9" fontSize="11">
            {`${d.label.length > 12 ? `${d.label.slice(0, 11)}…` : d.label} ${total > 0 ? ((d.value / total) * 100).toFixed(1) : '0'}%`}
          </text>
        </g>
      ))}
    </svg>
  );
}
