import type { Platform } from '@goalpost/domain';
import type { Connector } from './connector.ts';
import { ga4Connector } from './ga4/ga4Connector.ts';
import { metaInstagramConnector } from './meta-instagram/metaInstagramConnector.ts';
import { metaPageConnector } from './meta-page/metaPageConnector.ts';
import { linkedinConnector } from './linkedin/linkedinConnector.ts';
import { pinterestConnector } from './pinterest/pinterestConnector.ts';
import { tiktokConnector } from './tiktok/tiktokConnector.ts';
import { xConnector } from './x/xConnector.ts';
import { youtubeConnector } from './youtube/youtubeConnector.ts';

/** Every platform connector, one folder each; a CONNECTOR account is fetched by its platform's entry. */
export const connectors: readonly Connector[] = [metaPageConnector, metaInstagramConnector, xConnector, linkedinConnector, pinterestConnector, tiktokConnector, youtubeConnector, ga4Connector];

export function connectorFor(platform: string): Connector | undefined {
  return connectors.find((c) => c.platform === (platform as Platform));
}
