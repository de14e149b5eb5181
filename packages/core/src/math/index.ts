export { erf, erfc, erfcx, inverseNormCdf, normCdf, normPdf } from './normal';
export { brentRoot } from './root-finding';
