/** The RFC 9457 problem body the service answers errors with (the fields the command line reads). */
export interface Problem {
  status?: number;
  code?: string;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export function asProblem(error: unknown): Problem {
  return error && typeof error === 'object' ? error : { detail: String(error) };
}

/** One line for an operator: `422 LEAD_REFERENCE_UNKNOWN: the detail`. */
export function problemText(error: unknown): string {
  const problem = asProblem(error);
  const head = [problem.status, problem.code].filter((part) => part !== undefined).join(' ');
  const detail = problem.detail ?? problem.title ?? 'no detail';
  return head ? `${head}: ${detail}` : detail;
}
