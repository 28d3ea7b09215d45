/**
 * Column titles of the exports people already have, mapped to catalog metric ids. Matching ignores case,
 * spacing and punctuation. Meta Business Suite exports one metric per file (a title line naming it, then
 * `Date,Primary`); the older Facebook Page Insights export has one column per metric under its API-style
 * title. Titles not listed here are reported as ignored, never guessed at: Business Suite's "follows" are
 * new follows per day, not the audience size the catalog's followers is, so they are left out.
 */
export const metaExportColumns: Readonly<Record<string, string>> = {
  // Meta Business Suite (Insights → Export), Facebook
  'facebook reach': 'reach',
  'facebook page reach': 'reach',
  'facebook views': 'impressions',
  'facebook impressions': 'impressions',
  'facebook visits': 'profile_visits',
  'facebook page visits': 'profile_visits',
  'facebook interactions': 'engagements',
  'facebook content interactions': 'engagements',
  'facebook link clicks': 'link_clicks',
  // Meta Business Suite, Instagram
  'instagram reach': 'reach',
  'instagram views': 'impressions',
  'instagram impressions': 'impressions',
  'instagram profile visits': 'profile_visits',
  'instagram interactions': 'engagements',
  'instagram content interactions': 'engagements',
  'instagram link clicks': 'link_clicks',
  // Facebook Page Insights export (Page level)
  'lifetime total likes': 'followers',
  'lifetime total follows': 'followers',
  'daily total reach': 'reach',
  'daily total impressions': 'impressions',
  'daily total video views': 'video_views',
  'daily logged in page views': 'profile_visits',
};

/** `Facebook Page reach` → `facebook page reach`: the form titles are matched in. */
export function columnKey(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
