import { accountPageState, type AccountPageProps } from '../account-ui/account-page';
import { RegisterForm } from './register-form';

export const metadata = { title: 'Register · DeltaStream' };

export default async function RegisterPage(props: AccountPageProps) {
  return <RegisterForm {...await accountPageState(props)} />;
}
