import { Suspense } from 'react';
import { SignInForm } from './signin-form';

export const metadata = { title: 'Sign in · DeltaStream' };

export default function SignInPage() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
