/**
 * Importing a full day's NSE F&O bhavcopy (UDiFF layout) with the import command, run as its own process
 * as an operator runs it (`npm run import -w @deltastream/feed`): wall time, the import's own time (reading,
 * validating, writing; the process's start-up aside) and peak resident memory (VmHWM), medians of 3 runs.
 * The files are generated: index options and futures of NIFTY, BANKNIFTY and FINNIFTY over their expiries,
 * and stock options the catalogue does not list up to 100,000 rows, then 400,000. Memory should not grow
 * with the file: the import holds one snapshot's rows of the catalogue's products, never the file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './lib/measure';

const IMPORT_CLI = fileURLToPath(new URL('../feed/src/import-cli.ts', import.meta.url));
const TRADE_DATE = '2026-11-27';
const HEADER =
  'TradDt,BizDt,Sgmt,Src,FinInstrmTp,FinInstrmId,ISIN,TckrSymb,SctySrs,XpryDt,FininstrmActlXpryDt,StrkPric,OptnTp,FinInstrmNm,OpnPric,HghPric,LwPric,ClsPric,LastPric,PrvsClsgPric,UndrlygPric,SttlmPric,OpnIntrst,ChngInOpnIntrst,TtlTradgVol,TtlTrfVal,TtlNbOfTxsExctd,SsnId,NewBrdLotQty,Rmks,Rsvd1,Rsvd2,Rsvd3,Rsvd4';

function row(
  type: string,
  symbol: string,
  expiry: string,
  strike: number | undefined,
  optionType: string,
  spot: number,
  price: number,
  lot: number,
  n: number,
): string {
  const strikeCell = strike === undefined ? '' : strike.toFixed(2);
  const p = price.toFixed(2);
  return `${TRADE_DATE},${TRADE_DATE},FO,NSE,${type},${n},,${symbol},,${expiry},${expiry},${strikeCell},${optionType},${symbol}X,${p},${p},${p},${p},${p},${p},${spot.toFixed(2)},${p},${(n % 997) * lot},0,${n % 131},0.00,0,F1,${lot},,,,,`;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A UDiFF file of `rows` data rows. */
function bhavcopy(rows: number): string {
  const lines = [HEADER];
  const indices = [
    { symbol: 'NIFTY', spot: 26_202.95, step: 50, lot: 65, expiries: 18, strikes: 120 },
    { symbol: 'BANKNIFTY', spot: 59_430.1, step: 100, lot: 30, expiries: 3, strikes: 120 },
    { symbol: 'FINNIFTY', spot: 27_310.4, step: 50, lot: 60, expiries: 3, strikes: 80 },
  ];
  for (const index of indices) {
    lines.push(
      row(
        'IDF',
        index.symbol,
        addDays(TRADE_DATE, 32),
        undefined,
        '',
        index.spot,
        index.spot * 1.004,
        index.lot,
        lines.length,
      ),
    );
    for (let e = 0; e < index.expiries; e += 1) {
      const expiry = addDays(TRADE_DATE, 4 + 7 * e);
      for (let k = 0; k < index.strikes; k += 1) {
        const strike =
          Math.round(index.spot / index.step) * index.step + (k - index.strikes / 2) * index.step;
        for (const optionType of ['CE', 'PE']) {
          const intrinsic = Math.max(0, optionType === 'CE' ? index.spot - strike : strike - index.spot);
          lines.push(
            row(
              'IDO',
              index.symbol,
              expiry,
              strike,
              optionType,
              index.spot,
              intrinsic + 40 + e * 10,
              index.lot,
              lines.length,
            ),
          );
        }
      }
    }
  }
  for (let stock = 0; lines.length <= rows; stock += 1) {
    const symbol = `STOCK${stock.toString().padStart(4, '0')}`;
    for (let k = 0; k < 100 && lines.length <= rows; k += 1) {
      lines.push(
        row(
          'STO',
          symbol,
          addDays(TRADE_DATE, 32),
          900 + 10 * k,
          k % 2 ? 'PE' : 'CE',
          1_000,
          12.5,
          500,
          lines.length,
        ),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

interface Run {
  wallMs: number;
  importMs: number;
  peakRssMb: number;
}

/** Peak resident memory so far (VmHWM, Linux), in MB; 0 once the process is gone. */
function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function runImport(input: string, output: string): Promise<Run> {
  const startedMs = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', IMPORT_CLI, input, '--out', output], {
    env: { ...process.env, FEED_PRODUCTS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid ?? 0))), 10);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearInterval(poll);
      const importMs = Number(/read in (\d+) ms/.exec(stdout)?.[1]);
      if (code !== 0 || !Number.isFinite(importMs)) reject(new Error(`import exited ${code}: ${stdout}`));
      else resolve({ wallMs: performance.now() - startedMs, importMs, peakRssMb: peak });
    });
  });
}

const directory = mkdtempSync(join(tmpdir(), 'bench-import-'));
try {
  for (const rows of [100_000, 400_000]) {
    const input = join(directory, `BhavCopy_NSE_FO_0_0_0_20261127_F_0000-${rows}.csv`);
    const text = bhavcopy(rows);
    writeFileSync(input, text);
    const runs: Run[] = [];
    for (let i = 0; i < 3; i += 1) runs.push(await runImport(input, join(directory, 'day.jsonl')));
    const sizeMb = Buffer.byteLength(text) / 1024 / 1024;
    console.log(
      `import ${rows.toLocaleString('en')} rows (${sizeMb.toFixed(1)} MB): ` +
        `median wall ${median(runs.map((r) => r.wallMs)).toFixed(0)} ms, ` +
        `import ${median(runs.map((r) => r.importMs)).toFixed(0)} ms, ` +
        `peak RSS ${median(runs.map((r) => r.peakRssMb)).toFixed(0)} MB`,
    );
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
