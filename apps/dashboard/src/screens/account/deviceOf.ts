/** A User-Agent in a few words a person recognises ("Chrome on Linux"); null when there is none. */
export function deviceOf(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent) ? 'Edge'
    : /Firefox\//.test(userAgent) ? 'Firefox'
      : /(HeadlessChrome|Chrome|Chromium)\//.test(userAgent) ? (userAgent.includes('Headless') ? 'Chrome (headless)' : 'Chrome')
        : /Safari\//.test(userAgent) ? 'Safari'
          : null;
  const system = /Android/.test(userAgent) ? 'Android'
    : /iPhone|iPad/.test(userAgent) ? 'iOS'
      : /Windows/.test(userAgent) ? 'Windows'
        : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS'
          : /Linux/.test(userAgent) ? 'Linux'
            : null;
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}
