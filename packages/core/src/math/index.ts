export { erf, erfc, erfcx, inverseNormCdf, normCdf, normPdf } from './normal';
