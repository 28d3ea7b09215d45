// Where the worker serves Bull Board and who signs in to it; apart from queueDashboard.ts so that the
// HTTP server can name the path without importing Bull Board.
export const queueDashboardPath = '/admin/queues';
export const operatorUser = 'operator';
