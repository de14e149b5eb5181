export { TimeoutError, withTimeout } from './with-timeout';
