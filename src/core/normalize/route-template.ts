/**
 * Route templating for request logs: `/api/orders/8c1f…/items/42` → `/api/orders/{id}/items/{id}`.
 * A segment is an id when it is a number, a UUID, hex, an e-mail, a long opaque token, or any
 * other segment with a digit — except short version-like words (`v1`, `v2beta1`, `oauth2`, `s3`),
 * which name an API, not a record.
 */

const ID = '{id}';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `v1`, `v2beta1`, `oauth2`, `s3`, `ipv6`: letters then at most two digits, maybe more letters+digit. */
function isVersionLike(segment: string): boolean {
  if (segment.length > 10) return false;
  let i = 0;
  while (i < segment.length && isLetter(segment.charCodeAt(i))) i++;
  if (i === 0) return false;
  let digits = 0;
  while (i < segment.length && isDigit(segment.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (digits === 0 || digits > 2) return false;
  while (i < segment.length && isLetter(segment.charCodeAt(i))) i++;
  while (i < segment.length && isDigit(segment.charCodeAt(i))) i++;
  return i === segment.length;
}

function isOpaqueToken(segment: string): boolean {
  if (segment.length < 20) return false;
  let letters = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (isLetter(c)) letters++;
    else if (!(isDigit(c) || c === 45 || c === 95 || c === 46 || c === 126)) return false;
  }
  // A long slug of words ("reset-password-confirmation") has dashes; an opaque token rarely does.
  return segment.indexOf('-') < 0 || letters < segment.length * 0.7;
}

export function isIdSegment(segment: string): boolean {
  if (segment.length === 0) return false;
  if (segment.indexOf('@') > 0) return true;
  if (segment.indexOf('%') >= 0) return true;
  let digit = false;
  for (let i = 0; i < segment.length; i++) {
    if (isDigit(segment.charCodeAt(i))) {
      digit = true;
      break;
    }
  }
  if (digit) return !isVersionLike(segment);
  return isOpaqueToken(segment);
}

/** Path (query string and fragment dropped) with id segments replaced by `{id}`. */
export function templateRoute(path: string): string {
  let p = path;
  const q = p.search(/[?#]/);
  if (q >= 0) p = p.slice(0, q);
  const scheme = p.indexOf('://');
  if (scheme >= 0) {
    const slash = p.indexOf('/', scheme + 3);
    p = slash >= 0 ? p.slice(slash) : '/';
  }
  if (p.length === 0) return '/';
  const segments = p.split('/');
  for (let i = 0; i < segments.length; i++) if (isIdSegment(segments[i]!)) segments[i] = ID;
  return segments.join('/');
}

/**
 * Status part of a request key. 5xx and 4xx keep the exact code (500 and 503 are different
 * problems, so are 401 and 404); 1xx–3xx collapse to their class; 0 means no response.
 */
export function statusKey(status: number): string {
  if (status >= 400) return String(status);
  if (status <= 0) return 'no-response';
  return `${Math.floor(status / 100)}xx`;
}

/** `GET /orders/{id}`: how a cluster lists the routes it was seen on. */
export function routeLabel(http: { method: string; path: string; url: string }): string {
  return `${(http.method || 'GET').toUpperCase()} ${templateRoute(http.path || http.url || '/')}`;
}

/**
 * Paths that internet-wide scanners probe on every public service (credentials, admin panels,
 * known-vulnerable scripts) and the scanners' own user agents. Their 4xx are one noise problem
 * per service and status, not one per path.
 */
const SCANNER_PATH =
  /^\/(?:\.env(?:\.\w+)?$|\.git(?:\/|$)|\.aws(?:\/|$)|\.ssh(?:\/|$)|\.svn(?:\/|$)|\.hg(?:\/|$)|\.DS_Store$|\.vscode(?:\/|$)|\.htaccess$|wp-(?:login|admin|content|includes|config)|wordpress(?:\/|$)|xmlrpc\.php$|phpmyadmin|pma(?:\/|$)|myadmin(?:\/|$)|cgi-bin\/|vendor\/phpunit\/|server-status$|server-info$|owa\/|ecp\/|autodiscover\/autodiscover\.xml$|boaform\/|HNAP1(?:\/|$)|solr\/admin|manager\/html$|config\.json$|\.well-known\/security\.txt$|actuator(?:\/|$)|backup(?:\/|\.|$))|\.(?:bak|sql|old|swp|backup|tar|tgz|gz|zip|rar|7z|ini|php\d?|asp|aspx|jsp|cgi)$/i;
const SCANNER_AGENT =
  /CensysInspect|zgrab|masscan|Nuclei|sqlmap|nikto|Nmap Scripting|Expanse|InternetMeasurement|l9explore|WPScan/i;
/**
 * Statuses a probe of a file the service does not have gets; a 401 or 429 is about the service.
 * Only these are read as probes, so a broad path pattern (a backup or script extension) never
 * hides a failing route.
 */
const PROBE_STATUSES = new Set([400, 403, 404, 405]);

export function isScannerProbe(http: { path: string; url: string; status: number; userAgent?: string }): boolean {
  if (!PROBE_STATUSES.has(http.status)) return false;
  const path = http.path || http.url || '';
  return SCANNER_PATH.test(path) || (http.userAgent !== undefined && SCANNER_AGENT.test(http.userAgent));
}
