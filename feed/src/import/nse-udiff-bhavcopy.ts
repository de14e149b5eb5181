import { parseIsoDate, type CsvRow } from './csv-row';
import { contractsFromUnits, type ImportedRow, type Layout, readBhavcopyContract } from './layout';

/**
 * NSE's F&O bhavcopy in the UDiFF layout it has published since 8 July 2024,
 * `BhavCopy_NSE_FO_0_0_0_<YYYYMMDD>_F_0000.csv` (BSE publishes its own derivatives in the same layout,
 * `Src` BSE). 34 columns: TradDt, BizDt, Sgmt, Src, FinInstrmTp, FinInstrmId, ISIN, TckrSymb, SctySrs,
 * XpryDt, FininstrmActlXpryDt, StrkPric, OptnTp, FinInstrmNm, OpnPric, HghPric, LwPric, ClsPric, LastPric,
 * PrvsClsgPric, UndrlygPric, SttlmPric, OpnIntrst, ChngInOpnIntrst, TtlTradgVol, TtlTrfVal,
 * TtlNbOfTxsExctd, SsnId, NewBrdLotQty, Rmks, Rsvd1–Rsvd4 (NSE's own pages are not public; the list is
 * quoted in order by parsers of the file, e.g. github.com/cmrohityadav/Go,
 * 02_ProtoGo/04_vittaIndicator/internal/types/types.go). Dates are YYYY-MM-DD; FinInstrmTp is IDO/STO
 * (index/stock option), IDF/STF (index/stock future); OptnTp CE/PE, empty on futures.
 *
 * Units, as published rows bear out: TtlTradgVol counts contracts (TtlTrfVal ≈ TtlTradgVol ×
 * NewBrdLotQty × (strike + premium), the notional), while OpnIntrst counts units of the underlying, a whole
 * number of NewBrdLotQty lots. A contract that did not trade keeps a stale ClsPric (the previous close) but
 * gets a fresh SttlmPric, the clearing corporation's model price, so the settlement is the day's price of
 * every contract.
 */
const COLUMNS = {
  tradeDate: 'TradDt',
  exchange: 'Src',
  instrument: 'FinInstrmTp',
  symbol: 'TckrSymb',
  expiry: 'XpryDt',
  actualExpiry: 'FininstrmActlXpryDt',
  strike: 'StrkPric',
  optionType: 'OptnTp',
  close: 'ClsPric',
  underlying: 'UndrlygPric',
  settle: 'SttlmPric',
  openInterest: 'OpnIntrst',
  volume: 'TtlTradgVol',
  lotSize: 'NewBrdLotQty',
} as const;

const INSTRUMENTS: Readonly<Record<string, 'option' | 'future'>> = {
  IDO: 'option',
  STO: 'option',
  IDF: 'future',
  STF: 'future',
};

export const NSE_UDIFF_BHAVCOPY: Layout = {
  id: 'nse-udiff',
  title: 'NSE F&O bhavcopy (UDiFF)',
  signature: [COLUMNS.tradeDate, COLUMNS.instrument, COLUMNS.symbol],
  columns: Object.values(COLUMNS),
  names: {
    symbol: COLUMNS.symbol,
    strike: COLUMNS.strike,
    time: COLUMNS.tradeDate,
    underlying: COLUMNS.underlying,
  },
  read(row: CsvRow, context): ImportedRow {
    const instrument = row.cell(COLUMNS.instrument).toUpperCase();
    const kind = INSTRUMENTS[instrument];
    if (kind === undefined) return { kind: 'other-instrument', instrument };
    const symbol = row.text(COLUMNS.symbol);
    const exchange = row.cell(COLUMNS.exchange);
    const product = context.product(symbol, exchange === '' ? undefined : exchange);
    if (!product) return { kind: 'not-listed', symbol };

    const tradeDate = row.isoDate(COLUMNS.tradeDate);
    // The actual expiry differs from XpryDt when a holiday moved the series; it is the one that settles.
    const expiryColumn = parseIsoDate(row.cell(COLUMNS.actualExpiry)) ? COLUMNS.actualExpiry : COLUMNS.expiry;
    const expiry = row.isoDate(expiryColumn);
    return readBhavcopyContract(row, COLUMNS, { kind, product, tradeDate, expiry, expiryColumn }, () => {
      const fileLot = row.count(COLUMNS.lotSize, { positive: true, empty: 0 });
      const lot =
        fileLot > 0 ? { units: fileLot, source: `${COLUMNS.lotSize} of the row` } : context.lotSize(product);
      const underlying = row.number(COLUMNS.underlying, { empty: 0 });
      return {
        volume: row.count(COLUMNS.volume),
        openInterest: contractsFromUnits(row, COLUMNS.openInterest, row.count(COLUMNS.openInterest), lot),
        underlying: underlying > 0 ? underlying : undefined,
        lotSize: fileLot > 0 ? fileLot : undefined,
      };
    });
  },
};
