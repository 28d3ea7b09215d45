import type { Status } from '../components/StatusBadge.tsx';

/** The status colours of the chart's band, matching styles.css (the band's words are in the legend and the readout). */
export const statusColors: Record<Status, string> = {
  ON_TRACK: '#1a7f37', AT_RISK: '#b45309', OFF_TRACK: '#c62828', ACHIEVED: '#1d4ed8', MISSED: '#7f1d1d', NO_DATA: '#6b7280', NOT_STARTED: '#9ca3af',
};
