export * from './vocabulary.ts';
export * from './contract.ts';
