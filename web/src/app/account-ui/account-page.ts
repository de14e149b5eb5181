import { accountFormErrorMessage } from '../../contracts/account-forms';
import { pageOrigin, searchParam } from '../../server/page-request';
import { safeCallbackPath } from '../../server/safe-callback';

export type AccountPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Where the form sends the user once signed in (a path of this site) and the error to show, if any. */
export async function accountPageState({ searchParams }: AccountPageProps) {
  const params = await searchParams;
  return {
    callbackPath: safeCallbackPath(searchParam(params.callbackUrl), await pageOrigin()),
    error: accountFormErrorMessage(searchParam(params.error), searchParam(params.retry)),
  };
}
