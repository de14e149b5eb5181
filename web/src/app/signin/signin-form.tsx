import Link from 'next/link';
import { ACCOUNT_FORM_ACTIONS } from '../../contracts/account-forms';
import { AuthCard, Field, FormError, SubmitButton } from '../account-ui/auth-card';

/**
 * A plain HTML form posted to web (ACCOUNT_FORM_ACTIONS): it signs in with or without JavaScript, before
 * the page has hydrated too, and the password travels only in the POST body.
 */
export function SignInForm({ callbackPath, error }: { callbackPath: string; error: string | null }) {
  return (
    <AuthCard
      title="Sign in to your trading dashboard"
      footer={
        <>
          No account?{' '}
          <Link
            className="text-sky-400 hover:underline"
            href={`/register?callbackUrl=${encodeURIComponent(callbackPath)}`}
          >
            Register
          </Link>
        </>
      }
    >
      <form method="post" action={ACCOUNT_FORM_ACTIONS.signIn}>
        <FormError message={error} testId="signin-error" />
        <input type="hidden" name="callbackUrl" value={callbackPath} />
        <Field label="Email" testId="signin-email" name="email" type="email" autoComplete="email" required />
        <Field
          label="Password"
          testId="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <SubmitButton testId="signin-submit">Sign in</SubmitButton>
      </form>
    </AuthCard>
  );
}
