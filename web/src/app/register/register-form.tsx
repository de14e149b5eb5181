'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { apiFetch, ApiError } from '../../client/api';
import { AuthCard, Field, FormError, SubmitButton } from '../account-ui/auth-card';
import { safeCallbackUrl } from '../account-ui/safe-callback';

/** Creates the account through the REST API, then signs in with the same credentials. */
export function RegisterForm() {
  const router = useRouter();
  const callbackUrl = safeCallbackUrl(useSearchParams().get('callbackUrl'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    const name = String(form.get('name')).trim();
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/api/auth/register', {
        method: 'POST',
        body: JSON.stringify({ email, password, ...(name ? { name } : {}) }),
      });
      const result = await signIn('credentials', { email, password, redirect: false });
      if (!result || result.error) throw new Error(result?.error ?? 'sign-in failed');
      router.replace(callbackUrl);
      router.refresh();
    } catch (caught) {
      setError(
        caught instanceof ApiError || caught instanceof Error ? caught.message : 'registration failed',
      );
      setBusy(false);
    }
  }

  return (
    <AuthCard
      title="Create an account"
      footer={
        <>
          Already registered?{' '}
          <Link
            className="text-sky-400 hover:underline"
            href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}
          >
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <FormError message={error} testId="register-error" />
        <Field label="Name" testId="register-name" name="name" autoComplete="name" />
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
        <SubmitButton busy={busy} testId="register-submit">
          {busy ? 'Creating account…' : 'Register'}
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
