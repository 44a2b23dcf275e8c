// Medians, ranges, ratios and the printed table.

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarize(samples) {
  return {
    median: median(samples),
    min: samples.length > 0 ? Math.min(...samples) : NaN,
    max: samples.length > 0 ? Math.max(...samples) : NaN,
    samples,
  };
}

/** A number with its unit, short: 1.23 M msgs/s, 456 k req/s, 85 µs, 4.2 KiB. */
export function format(value, unit) {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'msgs/s' || unit === 'req/s') {
    if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M ${unit}`;
    if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k ${unit}`;
    return `${value.toFixed(0)} ${unit}`;
  }
  if (unit === 'µs' || unit === 'ms') {
    return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
  }
  if (unit === 'KiB') return `${value.toFixed(1)} ${unit}`;
  return `${value} ${unit}`;
}

function formatRange(stats, unit) {
  const short = (value) => format(value, unit).replace(` ${unit}`, '');
  return `${format(stats.median, unit)} (${short(stats.min)}–${short(stats.max)})`;
}

/** tsnats / nats-server, and whether it meets the target. */
export function ratioOf(metric, nats, tsnats) {
  const ratio = tsnats.median / nats.median;
  if (metric.target === undefined) return { ratio, meets: undefined };
  const meets = metric.better === 'higher' ? ratio >= metric.target : ratio <= metric.target;
  return { ratio, meets };
}

function formatRatio(metric, ratio, meets) {
  const value = Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';
  if (metric.target === undefined) return value;
  const sign = metric.better === 'higher' ? '≥' : '≤';
  return `${value} (target ${sign} ${metric.target}: ${meets ? 'met' : 'not met'})`;
}

/**
 * The table as Markdown: scenario | nats-server | tsnats | ratio, and when split
 * mode ran, | tsnats split | ratio (split / nats-server) (n/a on core scenarios).
 */
export function table(rows) {
  const split = rows.some((row) => row['tsnats-split'] !== undefined);
  const header = ['scenario', 'nats-server', 'tsnats', 'ratio (tsnats / nats-server)'];
  if (split) header.push('tsnats split', 'ratio (split / nats-server)');
  const lines = [header];
  for (const row of rows) {
    const flag = row.problems > 0 ? ` (${row.problems} failed checks)` : '';
    const line = [
      `${row.metric.label}${flag}`,
      formatRange(row['nats-server'], row.metric.unit),
      formatRange(row.tsnats, row.metric.unit),
      formatRatio(row.metric, row.ratio, row.meets),
    ];
    if (split) {
      const splitStats = row['tsnats-split'];
      line.push(
        splitStats === undefined ? 'n/a' : formatRange(splitStats, row.metric.unit),
        splitStats === undefined ? 'n/a' : `${row.splitRatio.toFixed(2)}×`,
      );
    }
    lines.push(line);
  }
  const widths = lines[0].map((_, column) =>
    Math.max(...lines.map((line) => [...line[column]].length)),
  );
  const render = (line) =>
    `| ${line.map((cell, column) => cell + ' '.repeat(widths[column] - [...cell].length)).join(' | ')} |`;
  return [
    render(lines[0]),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...lines.slice(1).map(render),
  ].join('\n');
}
