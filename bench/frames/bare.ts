/**
 * The baseline: the simplest way to draw 100 moving packets, a bare SVG whose
 * circles get a new transform from one requestAnimationFrame callback. What
 * it costs is what the machine charges for 100 moving things at all.
 */
import { publish, setUp } from './page';

const COUNT = 100;
/** Each circle crosses the drawing in this long, offset from the others. */
const CROSSING_MS = 2000;

void setUp(async () => {
  const svg = document.querySelector('svg')!;
  const circles = Array.from({ length: COUNT }, () => {
    const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    c.setAttribute('r', '7');
    svg.append(c);
    return c;
  });
  let running = false;
  const move = (t: number) => {
    circles.forEach((c, i) => {
      const p = (t / CROSSING_MS + i / COUNT) % 1;
      const y = 30 + ((i * 37) % 300);
      c.setAttribute(
        'transform',
        `translate(${20 + 600 * p} ${y + 20 * Math.sin(2 * Math.PI * p)})`,
      );
    });
    if (running) requestAnimationFrame(move);
  };
  publish(
    () => circles.length,
    async () => {
      running = true;
      requestAnimationFrame(move);
    },
  );
});
