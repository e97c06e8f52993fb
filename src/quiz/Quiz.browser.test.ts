import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { QuizAnswer } from '../course/quiz-answer';
import Quiz from './Quiz.svelte';
import { BROKEN_CONFIG, FIXED_CONFIG, LESSON, TYPO_CONFIG } from './test-support';

async function renderQuiz(answers: Record<string, QuizAnswer> = {}) {
  const onanswer = vi.fn<(questionId: string, answer: QuizAnswer) => void>();
  const screen = await render(Quiz, { lesson: LESSON, answers, onanswer });
  /** One question's box, by its id: the article headed "Question <n>". */
  const question = (id: string) => {
    const number = LESSON.quiz.findIndex((q) => q.id === id) + 1;
    return screen.getByRole('article', { name: new RegExp(`^Question ${number} `) });
  };
  return { screen, question, onanswer };
}

describe('Quiz', () => {
  it('says how many questions there are', async () => {
    const { screen } = await renderQuiz();
    await expect
      .element(screen.getByRole('heading', { level: 2 }))
      .toHaveTextContent('Quiz (4 questions)');
    await expect.element(screen.getByRole('heading', { name: /Question 3/ })).toBeVisible();
  });

  it('single choice: a wrong answer is marked wrong in words, and every choice says why', async () => {
    const { question, onanswer } = await renderQuiz();
    const where = question('where');
    const check = where.getByRole('button', { name: 'Check' });
    await expect.element(check).toBeDisabled();
    await where.getByRole('radio', { name: /In front of the clients/ }).click();
    await check.click();

    await expect.element(where.getByRole('status')).toHaveTextContent('✗ Not quite');
    const wrong = where.getByText(/Wrong answer · your answer\./);
    await expect.element(wrong).toBeVisible();
    await expect
      .element(where.getByText('That is a forward proxy.', { exact: false }))
      .toBeVisible();
    await expect.element(where.getByText(/✓ Right answer\./)).toBeVisible();
    await expect
      .element(where.getByText('Clients talk to the proxy; only the proxy talks to the servers.'))
      .toBeVisible();
    // The choices are fixed once answered, and the why is read with each.
    const chosen = where.getByRole('radio', { name: /In front of the clients/ });
    await expect.element(chosen).toBeChecked();
    await expect.element(chosen).toBeDisabled();
    await expect.element(chosen).toHaveAccessibleDescription(/Wrong answer · your answer/);
    expect(onanswer).toHaveBeenCalledExactlyOnceWith('where', { correct: false, value: ['1'] });
  });

  it('multiple choice: ticking every right answer and no other is right', async () => {
    const { question, onanswer } = await renderQuiz();
    const methods = question('methods');
    await methods.getByRole('checkbox', { name: 'least_conn' }).click();
    await methods.getByRole('checkbox', { name: 'ip_hash' }).click();
    await methods.getByRole('button', { name: 'Check' }).click();

    await expect.element(methods.getByRole('status')).toHaveTextContent('✓ Right.');
    await expect
      .element(methods.getByRole('checkbox', { name: 'fastest_first' }))
      .toHaveAccessibleDescription('✗ Wrong: leave it unticked. nginx has no such directive.');
    expect(onanswer).toHaveBeenCalledExactlyOnceWith('methods', {
      correct: true,
      value: ['0', '1'],
    });
  });

  it('predict: nothing runs before a prediction; a wrong one is marked wrong with its why, and the run is shown', async () => {
    const { question, onanswer } = await renderQuiz();
    const fourth = question('fourth');
    const run = fourth.getByRole('button', { name: 'Run it' });
    await expect.element(run).toBeDisabled();
    await fourth.getByRole('radio', { name: 'app-b' }).click();
    await run.click();

    await expect
      .element(fourth.getByRole('status').first())
      .toHaveTextContent('app-a answered. ✗ You predicted app-b.');
    await expect
      .element(fourth.getByRole('radio', { name: 'app-b' }))
      .toHaveAccessibleDescription(
        '✗ Not what happened · your answer. app-b answered the second request; the turn has moved on.',
      );
    await expect
      .element(fourth.getByRole('radio', { name: 'app-a' }))
      .toHaveAccessibleDescription(
        '✓ What happened. Round robin starts again at the top after app-c.',
      );
    expect(onanswer).toHaveBeenCalledExactlyOnceWith('fourth', { correct: false, value: ['1'] });

    // The fourth request's journey, on the map with the three sent before it counted.
    await expect.element(fourth.getByRole('img', { name: /app-a.*app-b.*app-c/ })).toBeVisible();
    await fourth.getByRole('button', { name: 'Instant' }).click();
    await expect
      .element(fourth.getByRole('status', { name: 'Journey narration' }))
      .toHaveTextContent('Arrived: served by app-a (127.0.0.1:3001)');
  });

  it('predict: the right prediction is marked right', async () => {
    const { question, onanswer } = await renderQuiz();
    const fourth = question('fourth');
    await fourth.getByRole('radio', { name: 'app-a' }).click();
    await fourth.getByRole('button', { name: 'Run it' }).click();
    await expect
      .element(fourth.getByRole('status').first())
      .toHaveTextContent('app-a answered. ✓ You predicted it.');
    expect(onanswer).toHaveBeenCalledExactlyOnceWith('fourth', { correct: true, value: ['0'] });
  });

  it('fix: the broken config fails a check in words, with the hint; edited to the solution, it passes', async () => {
    const { question, onanswer } = await renderQuiz();
    const api = question('api');
    const editor = api.getByRole('textbox', { name: 'nginx.conf for question 4' });
    await expect.element(editor).toHaveValue(BROKEN_CONFIG);
    await expect.element(api.getByText('Hint:')).not.toBeInTheDocument();
    await api.getByRole('button', { name: 'Check' }).click();

    await expect.element(api.getByRole('status')).toHaveTextContent('✗ 1 of 2 checks failed.');
    const checks = api.getByRole('list', { name: 'Checks' }).getByRole('listitem');
    await expect
      .element(checks.nth(0))
      .toHaveTextContent(
        'A request for /api/users reaches app-c. failed: got status 502, backend none',
      );
    await expect.element(checks.nth(1)).toHaveTextContent(/starting with app-a\. passed$/);
    await expect.element(api.getByText('Hint:')).toBeVisible();
    expect(onanswer).toHaveBeenLastCalledWith('api', { correct: false, value: [BROKEN_CONFIG] });

    await editor.fill(FIXED_CONFIG);
    await expect
      .element(
        api.getByText('These results are for the config as it was checked', { exact: false }),
      )
      .toBeVisible();
    await api.getByRole('button', { name: 'Check' }).click();
    await expect
      .element(api.getByRole('status'))
      .toHaveTextContent('✓ Every check passed (2 of 2).');
    await expect.element(checks.nth(0)).toHaveTextContent(/reaches app-c\. passed$/);
    expect(onanswer).toHaveBeenLastCalledWith('api', { correct: true, value: [FIXED_CONFIG] });
    expect(onanswer).toHaveBeenCalledTimes(2);
  });

  it('fix: a config with a typo shows nginx’s own message', async () => {
    const { question, onanswer } = await renderQuiz();
    const api = question('api');
    await api.getByRole('textbox').fill(TYPO_CONFIG);
    await api.getByRole('button', { name: 'Check' }).click();
    await expect.element(api.getByRole('status')).toHaveTextContent('✗ nginx refused the config.');
    await expect
      .element(api.getByText('unknown directive "proxy_pas"', { exact: false }))
      .toBeVisible();
    expect(onanswer).toHaveBeenCalledExactlyOnceWith('api', {
      correct: false,
      value: [TYPO_CONFIG],
    });
  });

  it('fix: reset goes back to the start; the solution is shown on request and can be put in the editor', async () => {
    const { question } = await renderQuiz();
    const api = question('api');
    const editor = api.getByRole('textbox');
    await editor.fill('events {}');
    await api.getByRole('button', { name: 'Reset to the start' }).click();
    await expect.element(editor).toHaveValue(BROKEN_CONFIG);
    await api.getByRole('button', { name: 'Show a solution' }).click();
    await expect.element(api.getByText('A solution')).toBeVisible();
    await api.getByRole('button', { name: 'Put it in the editor' }).click();
    await expect.element(editor).toHaveValue(FIXED_CONFIG);
  });

  it('fix: in the editor Tab indents by two spaces and Escape leaves for the Check button', async () => {
    const { question } = await renderQuiz();
    const api = question('api');
    const editor = api.getByRole('textbox');
    await editor.fill('x');
    await editor.click();
    await userEvent.keyboard('{End}{Tab}y');
    await expect.element(editor).toHaveValue('x  y');
    await expect.element(editor).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(api.getByRole('button', { name: 'Check' })).toHaveFocus();
  });

  it('answers from an earlier visit show as answered, without reporting them again', async () => {
    const { question, onanswer } = await renderQuiz({
      where: { correct: false, value: ['1'] },
      fourth: { correct: true, value: ['0'] },
      api: { correct: true, value: [FIXED_CONFIG] },
    });
    const where = question('where');
    await expect.element(where.getByRole('status')).toHaveTextContent('✗ Not quite');
    await expect
      .element(where.getByRole('radio', { name: /In front of the clients/ }))
      .toBeChecked();

    const fourth = question('fourth');
    await expect
      .element(fourth.getByRole('status'))
      .toHaveTextContent('app-a answered. ✓ You predicted it.');
    await expect.element(fourth.getByRole('img')).not.toBeInTheDocument();
    await fourth.getByRole('button', { name: 'Run it again' }).click();
    await expect.element(fourth.getByRole('img', { name: /app-a/ })).toBeVisible();

    const api = question('api');
    await expect.element(api.getByRole('textbox')).toHaveValue(FIXED_CONFIG);
    await expect
      .element(api.getByRole('status'))
      .toHaveTextContent('✓ Passed on an earlier visit.');

    const methods = question('methods');
    await expect.element(methods.getByRole('status')).toHaveTextContent('');
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('"Read:" scrolls to the section’s heading and focuses it, leaving the route alone', async () => {
    const heading = document.createElement('h2');
    heading.id = 'locations';
    heading.textContent = 'Locations';
    document.body.prepend(heading);
    location.hash = '#/lesson/load-balancing';
    try {
      const { question } = await renderQuiz();
      await question('api').getByRole('link', { name: 'Read: Locations' }).click();
      await expect.element(heading).toHaveFocus();
      expect(location.hash).toBe('#/lesson/load-balancing');
      await expect
        .element(question('where').getByRole('link', { name: 'Read: Round robin' }))
        .toHaveAttribute('href', '#round-robin');
    } finally {
      heading.remove();
      location.hash = '';
    }
  });

  it('fits a 375px-wide screen without scrolling sideways', async () => {
    await page.viewport(375, 800);
    const { screen, question } = await renderQuiz();
    const api = question('api');
    await api.getByRole('button', { name: 'Check' }).click();
    await expect.element(api.getByRole('status')).toHaveTextContent('failed');
    const quiz = screen.container.querySelector('.quiz') as HTMLElement;
    expect(quiz.scrollWidth).toBeLessThanOrEqual(375);
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(375);
  });
});
