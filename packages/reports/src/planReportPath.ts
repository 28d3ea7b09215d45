/** Where the gateway serves plan reports: `/reports/plans/{planId}.pdf` and `.csv` (DESIGN §5d). */
export const reportPathPrefix = '/reports/plans/';

/**
 * The API's global id of a plan (Relay's base64 of `Plan:{uuid}`, as @pothos/plugin-relay's
 * encodeGlobalID writes it), written here so a message can link to a report without loading the schema
 * library (the gateway's tests hold the two to the same answer).
 */
export const planGlobalId = (planUuid: string) => Buffer.from(`Plan:${planUuid}`).toString('base64');

/** The download URL of a plan's report at the dashboard's origin. */
export function planReportUrl(publicUrl: string, planUuid: string, extension: 'pdf' | 'csv'): string {
  return `${publicUrl.replace(/\/+$/, '')}${reportPathPrefix}${encodeURIComponent(planGlobalId(planUuid))}.${extension}`;
}
