export * from './settingRules.ts';
export * from './commonSettings.ts';
export * from './readSettings.ts';
