/** One line of the benchmark table (and of bench-results.json). */
export interface Row {
  workload: string;
  what: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  met: 'yes' | 'no' | 'n/a';
  values?: Record<string, number | null>;
}
