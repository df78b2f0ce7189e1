/** Numerical helpers shared by the physics modules. */

/**
 * Composite Simpson integral of f over [a, b] with n (even) intervals.
 *
 * @example
 * simpson(Math.sin, 0, Math.PI, 100); // ≈ 2
 */
export function simpson(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
