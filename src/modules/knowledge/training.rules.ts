import { DomainException, FieldError } from '../../common/errors/domain.exception';

export interface QuizQuestion {
  prompt: string;
  options: string[];
  /** Index into options of the right answer. */
  correctOption: number;
}

export interface QuizResult {
  correct: number;
  total: number;
  /** Whole per cent, rounded down: 7 of 9 is 77. */
  scorePct: number;
  passed: boolean;
}

/**
 * Grades a quiz: one answer (an option index) per question, in order; passed when the score reaches the
 * pass mark. Example: 4 questions, 3 right → 75 %; with a pass mark of 75 it passes, of 80 it does not.
 */
export function gradeQuiz(
  questions: readonly QuizQuestion[],
  answers: readonly number[],
  passMarkPct: number,
): QuizResult {
  if (answers.length !== questions.length)
    throw DomainException.validation([
      { field: 'answers', message: `must give one answer for each of the ${questions.length} questions` },
    ]);
  const correct = questions.filter((question, i) => question.correctOption === answers[i]).length;
  const scorePct = Math.floor((correct * 100) / questions.length);
  return { correct, total: questions.length, scorePct, passed: scorePct >= passMarkPct };
}

/** Each question's right answer is one of its options (400 naming the question otherwise). */
export function checkQuestions(questions: readonly QuizQuestion[]): void {
  const errors: FieldError[] = questions
    .map((question, i) => ({ question, i }))
    .filter(({ question }) => question.correctOption >= question.options.length)
    .map(({ i }) => ({ field: `questions.${i}.correctOption`, message: 'must index one of the options' }));
  if (errors.length) throw DomainException.validation(errors);
}

/**
 * A certification passed on `passedOn` (YYYY-MM-DD) is valid through the day before the same day
 * `validityMonths` later; a day the later month lacks falls back to its last day.
 * Example: passed 2026-01-31, 12 months → expires 2027-01-30; passed 2026-08-31, 6 months → 2027-02-27.
 */
export function certificationExpiresOn(passedOn: string, validityMonths: number): string {
  const [year, month, day] = passedOn.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + validityMonths, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}
