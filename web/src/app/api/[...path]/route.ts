import { answerApiRequest } from '../../../routes/web-router';

/**
 * Every /api path Next.js serves (next-auth's /api/auth/* aside) goes to the route registry's router,
 * which answers an unknown path or method in the API's own error shape.
 */
const handle = (req: Request): Promise<Response> => answerApiRequest(req);

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
