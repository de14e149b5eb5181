import { z } from 'zod';

/** A calendar's id: also its file name under config/calendars/ (`nse` → nse.json). */
export const ExchangeCalendarIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a lower-case id such as nse or us');

export const ExchangeHolidaySchema = z.object({
  /** Local date in the exchange's time zone. */
  date: z.iso.date({ message: 'must be a date as YYYY-MM-DD' }),
  name: z.string().min(1).max(100),
  /** Expected from the exchange's yearly pattern but not yet in a published list. */
  provisional: z.boolean().default(false),
});
export type ExchangeHoliday = z.infer<typeof ExchangeHolidaySchema>;

/**
 * The weekdays an exchange is closed, as published by the exchange; products name theirs by id, so a
 * product of a new market needs a calendar file, not code. Dates ascend, each once, Monday to Friday (a
 * holiday on a weekend closes nothing; list the day the exchange observes instead).
 */
export const ExchangeCalendarSchema = z
  .object({
    id: ExchangeCalendarIdSchema,
    name: z.string().min(1).max(100),
    /** Where the dates come from: the exchange's circular or notice. */
    source: z.string().min(1),
    holidays: z.array(ExchangeHolidaySchema),
  })
  .superRefine((calendar, ctx) => {
    calendar.holidays.forEach((holiday, index) => {
      const weekday = new Date(`${holiday.date}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) {
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', index, 'date'],
          message: `${holiday.date} is a weekend day; list the weekday the exchange closes`,
        });
      }
      const previous = calendar.holidays[index - 1];
      if (previous && previous.date >= holiday.date) {
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', index, 'date'],
          message: `${holiday.date} must come after ${previous.date}: dates ascend, each once`,
        });
      }
    });
  });
export type ExchangeCalendar = z.infer<typeof ExchangeCalendarSchema>;
