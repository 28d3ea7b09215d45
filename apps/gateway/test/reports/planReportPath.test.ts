import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { planGlobalId, planReportUrl } from '@goalpost/reports/planReportPath';
import { describe, expect, it } from 'vitest';
import { readReportRequest } from '../../src/reports/reportRequest.ts';

describe('report links in messages', () => {
  it('name the plan by the global id the API returns, at the path the report route reads', () => {
    for (let i = 0; i < 20; i++) {
      const uuid = randomUUID();
      expect(planGlobalId(uuid)).toBe(encodeGlobalID('Plan', uuid));
      const url = new URL(planReportUrl('https://goalpost.test/', uuid, i % 2 ? 'pdf' : 'csv'));
      expect(readReportRequest(url, null)).toEqual({ request: expect.objectContaining({ planId: encodeGlobalID('Plan', uuid), format: i % 2 ? 'pdf' : 'csv' }) });
    }
  });
});
