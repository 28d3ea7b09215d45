export * from './platformCredentials.ts';
export * from './credentialCipher.ts';
export * from './oauthProviders.ts';
export * from './oauthClients.ts';
export * from './oauthTokens.ts';
export * from './metaLongLivedTokens.ts';
export * from './standardWebhookSignature.ts';
export * from './unsubscribeTokens.ts';
