import { ErrorCode } from '../../common/errors/error-codes';
import { certificationExpiresOn, checkQuestions, gradeQuiz, QuizQuestion } from './training.rules';

/** What a call throws, to compare with toMatchObject (undefined when it does not throw). */
const thrown = (fn: () => void): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
};

const q = (correctOption: number): QuizQuestion => ({ prompt: 'Q', options: ['a', 'b', 'c'], correctOption });

describe('grading a quiz', () => {
  const quiz = [q(0), q(1), q(2), q(0)];

  it('4 questions, 3 right: 75 %, passing a pass mark of 75 and failing one of 80', () => {
    expect(gradeQuiz(quiz, [0, 1, 2, 1], 75)).toEqual({ correct: 3, total: 4, scorePct: 75, passed: true });
    expect(gradeQuiz(quiz, [0, 1, 2, 1], 80).passed).toBe(false);
  });

  it('rounds the score down: 2 of 3 is 66 %', () => {
    expect(gradeQuiz([q(0), q(0), q(0)], [0, 0, 1], 66)).toMatchObject({ scorePct: 66, passed: true });
  });

  it('wants one answer per question', () => {
    expect(thrown(() => gradeQuiz(quiz, [0, 1], 50))).toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
  });

  it('a right answer must be one of the options', () => {
    expect(thrown(() => checkQuestions([q(0), q(3)]))).toMatchObject({
      errors: [{ field: 'questions.1.correctOption', message: expect.any(String) }],
    });
  });
});

describe('when a certification expires', () => {
  it('the day before the same day N months later', () => {
    expect(certificationExpiresOn('2026-03-15', 12)).toBe('2027-03-14');
  });

  it('month ends fall back to the shorter month’s last day', () => {
    expect(certificationExpiresOn('2026-01-31', 12)).toBe('2027-01-30');
    expect(certificationExpiresOn('2026-08-31', 6)).toBe('2027-02-27');
    expect(certificationExpiresOn('2027-08-31', 6)).toBe('2028-02-28');
  });
});
