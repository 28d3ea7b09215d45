import { describe, expect, it } from 'vitest';
import { contentMetricIssue, themeResults } from '../src/index.ts';

describe('themeResults', () => {
  it('sums flow metrics over the items and computes KPIs from the sums', () => {
    const results = themeResults([
      { metrics: { reach: 1000, engagements: 50, shares: 5, impressions: 1500 } },
      { metrics: { reach: 3000, engagements: 90, link_clicks: 12 } },
      { metrics: {} }, // planned, not published yet: not a post of the theme's results
    ]);
    const byId = Object.fromEntries(results.map((r) => [r.metric, r.value]));
    expect(byId).toMatchObject({ reach: 4000, engagements: 140, shares: 5, impressions: 1500, link_clicks: 12, posts: 2 });
    expect(byId.engagement_rate_by_reach).toBeCloseTo(3.5, 12); // 140 / 4000, not the mean of 5 % and 3 %
    expect(byId.reach_per_post).toBe(2000);
    expect(byId.amplification_rate_per_post).toBe(2.5);
    expect(byId).not.toHaveProperty('cost_per_engagement'); // no spend recorded: no value, not 0
    expect(byId).not.toHaveProperty('comments');
  });

  it('has no results without measured items', () => {
    expect(themeResults([])).toEqual([]);
    expect(themeResults([{ metrics: {} }])).toEqual([]);
  });

  it('takes flow metrics only', () => {
    expect(contentMetricIssue('reach')).toBeUndefined();
    expect(contentMetricIssue('followers')).toMatch(/level of the account/);
    expect(contentMetricIssue('engagement_rate_by_reach')).toMatch(/computed/);
    expect(contentMetricIssue('vibes')).toMatch(/catalog/);
  });
});
