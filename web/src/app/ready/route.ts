import { answerApiRequest } from '../../routes/web-router';

/** `GET /ready` at the site's root (routes/health.ts), answered through the route registry like /api. */
export const GET = (req: Request): Promise<Response> => answerApiRequest(req);
export const HEAD = GET;
