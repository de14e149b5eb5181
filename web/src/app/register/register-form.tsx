import Link from 'next/link';
import { ACCOUNT_FORM_ACTIONS } from '../../contracts/account-forms';
import { AuthCard, Field, FormError, SubmitButton } from '../account-ui/auth-card';

/** A plain HTML form, as the sign-in form: it creates the account and signs in with one post. */
export function RegisterForm({ callbackPath, error }: { callbackPath: string; error: string | null }) {
  return (
    <AuthCard
      title="Create an account"
      footer={
        <>
          Already registered?{' '}
          <Link
            className="text-sky-400 hover:underline"
            href={`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`}
          >
            Sign in
          </Link>
        </>
      }
    >
      <form method="post" action={ACCOUNT_FORM_ACTIONS.register}>
        <FormError message={error} testId="register-error" />
        <input type="hidden" name="callbackUrl" value={callbackPath} />
        <Field label="Name" testId="register-name" name="name" autoComplete="name" maxLength={100} />
        <Field
          label="Email"
          testId="register-email"
          name="email"
          type="email"
          autoComplete="email"
          required
        />
        <Field
          label="Password (8 characters or more)"
          testId="register-password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
        />
        <SubmitButton testId="register-submit">Register</SubmitButton>
      </form>
    </AuthCard>
  );
}
