import { describe, expect, it } from 'vitest';
import { dashboardExpressions, promqlSyntaxErrors, readPromql } from './promql';

describe('readPromql', () => {
  it('finds the series of a quantile over a histogram, and its grouping labels', () => {
    const refs = readPromql(
      'histogram_quantile(0.99, sum by (queue, le) (rate(deltastream_worker_job_duration_seconds_bucket[$__rate_interval])))',
    );
    expect(refs.selectors).toEqual([
      { metric: 'deltastream_worker_job_duration_seconds_bucket', matchedLabels: [] },
    ]);
    expect(refs.groupingLabels).toEqual(['queue', 'le']);
  });

  it('reads matchers without mistaking label values or keywords for metrics', () => {
    const refs = readPromql(
      'sum(rate(a_total{status=~"5..", route!="/api/x"}[5m])) / sum without (instance) (rate(b_total[5m])) > bool 0.5 offset 1m',
    );
    expect(refs.selectors).toEqual([
      { metric: 'a_total', matchedLabels: ['status', 'route'] },
      { metric: 'b_total', matchedLabels: [] },
    ]);
    expect(refs.groupingLabels).toEqual(['instance']);
  });

  it('finds bare series and __name__ selectors', () => {
    expect(
      readPromql('max by (tier) (process_resident_memory_bytes) + {__name__="up"}').selectors.map(
        (s) => s.metric,
      ),
    ).toEqual(['up', 'process_resident_memory_bytes']);
  });
});

describe('dashboardExpressions', () => {
  it('collects targets from top-level panels and from collapsed rows', () => {
    const dashboard = {
      panels: [
        { title: 'a', targets: [{ expr: 'x' }] },
        { type: 'row', title: 'r', panels: [{ title: 'b', targets: [{ expr: 'y' }, { refId: 'B' }] }] },
      ],
    };
    expect(dashboardExpressions(dashboard)).toEqual([
      { panel: 'a', expr: 'x' },
      { panel: 'b', expr: 'y' },
    ]);
  });
});

describe('promqlSyntaxErrors', () => {
  it('accepts valid PromQL, binary operators with matching and absent() included', () => {
    expect(
      promqlSyntaxErrors(
        'max by (product, kind) (deltastream_data_age_seconds) > 30 and on (product) sum by (product) (rate(x_total[2m])) > 0',
      ),
    ).toEqual([]);
    expect(promqlSyntaxErrors('absent(process_start_time_seconds{tier="worker"})')).toEqual([]);
  });

  it('finds an unclosed call, a dangling operator and a bad matcher', () => {
    expect(promqlSyntaxErrors('sum(rate(x_total[5m])')).not.toEqual([]);
    expect(promqlSyntaxErrors('max(x) >')).not.toEqual([]);
    expect(promqlSyntaxErrors('x{queue=market}')).not.toEqual([]);
  });
});
