import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';

/**
 * Parses a job payload; input that does not parse will never parse, so it fails the job for good
 * (straight to the dead-letter queue) with a message naming the bad field.
 */
export function parseJobData<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
  throw new UnrecoverableError(`invalid payload: ${issues.join('; ')}`);
}

/** Analytics and pricing throw typed input errors for numbers no market can produce: not worth a retry. */
export function isInputError(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'AnalyticsInputError' || error.name === 'PricingInputError')
  );
}
