import { ensureDashboardBuilt } from './dashboardBuild.ts';

// `npm start` runs this before the gateway: the gateway serves apps/dashboard/dist at `/`.
// GOALPOST_DASHBOARD_BUILD=skip leaves the build alone (the dev mode serves the sources instead).
if (process.env.GOALPOST_DASHBOARD_BUILD !== 'skip') {
  try {
    await ensureDashboardBuilt((message) => console.log(`• ${message}`));
  } catch (error) {
    console.error(`The dashboard could not be built (${error instanceof Error ? error.message : String(error)}); GraphQL still works. Run \`npm run build -w @goalpost/dashboard\` to see why.`);
    process.exitCode = 1;
  }
}
