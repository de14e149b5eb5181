import { accountPageState, type AccountPageProps } from '../account-ui/account-page';
import { SignInForm } from './signin-form';

export const metadata = { title: 'Sign in · DeltaStream' };

export default async function SignInPage(props: AccountPageProps) {
  return <SignInForm {...await accountPageState(props)} />;
}
