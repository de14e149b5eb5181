/**
 * The choice of a call or a put on the forms (an alert's, a strategy leg's), each named as well by the
 * suffix the exchange lists it under (CE, PE).
 */
export const OPTION_TYPE_CHOICES = [
  ['CALL', 'Call (CE)'],
  ['PUT', 'Put (PE)'],
] as const;
