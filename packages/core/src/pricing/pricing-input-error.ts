/**
 * A pricing input outside the model's domain (non-finite, S ≤ 0, K ≤ 0, T < 0, σ < 0, unknown model …).
 * `field` names the offending input so the boundary layer can answer 400 with it.
 */
export class PricingInputError extends Error {
  override readonly name = 'PricingInputError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
