/** What the analytics routes' optional `expiry` parameter means, as /api/docs says it. */
export const NEAREST_EXPIRY_NOTE = 'Expiry date; omitted, the nearest live expiry.';
