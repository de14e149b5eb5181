'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { AuthCard, Field, FormError, SubmitButton } from '../account-ui/auth-card';
import { safeCallbackUrl } from '../account-ui/safe-callback';

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const callbackUrl = safeCallbackUrl(params.get('callbackUrl'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email')),
      password: String(form.get('password')),
      redirect: false,
    });
    setBusy(false);
    if (!result || result.error) {
      // next-auth passes the server's message through: "invalid credentials" or the rate limit's wait.
      setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'invalid credentials');
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <AuthCard
      title="Sign in to your trading dashboard"
      footer={
        <>
          No account?{' '}
          <Link
            className="text-sky-400 hover:underline"
            href={`/register?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          >
            Register
          </Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <FormError message={error} testId="signin-error" />
        <Field label="Email" testId="signin-email" name="email" type="email" autoComplete="email" required />
        <Field
          label="Password"
          testId="signin-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <SubmitButton busy={busy} testId="signin-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
