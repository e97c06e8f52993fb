/**
 * Content for the first lesson's "forward proxy vs reverse proxy" view: the
 * two diagrams (nodes, the networks they sit in, the links between them), the
 * hops a packet takes with one plain sentence each, and the comparison table.
 * The component only draws what is here, so the wording can change without
 * touching code. Addresses are from the documentation ranges (RFC 5737) and
 * private ranges, so none of them points at a real machine.
 */

export type ProxyKindName = 'forward' | 'reverse';

/** Decides a node's shape and accent colour; the label says the same in words. */
export type KindRole = 'client' | 'proxy' | 'internet' | 'server';

export interface KindNode {
  id: string;
  label: string;
  /** Shown under the shape: usually the address others see. */
  sublabel: string;
  role: KindRole;
  x: number;
  y: number;
}

/** A network boundary drawn as a dashed box with its name. */
export interface KindZone {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface KindHop {
  from: string;
  to: string;
  sentence: string;
}

export interface KindRow {
  question: string;
  answer: string;
}

export interface ProxyKind {
  name: ProxyKindName;
  title: string;
  /** One sentence: whose side the proxy is on. */
  summary: string;
  width: number;
  height: number;
  zones: KindZone[];
  nodes: KindNode[];
  edges: [string, string][];
  hops: KindHop[];
  rows: KindRow[];
}

const forward: ProxyKind = {
  name: 'forward',
  title: 'Forward proxy',
  summary:
    'A forward proxy works for the people inside a network: it goes out to the internet on their behalf.',
  width: 680,
  height: 280,
  zones: [{ label: 'School network (private)', x: 10, y: 10, width: 295, height: 260 }],
  nodes: [
    { id: 'ana', label: "Ana's laptop", sublabel: '10.0.0.11', role: 'client', x: 80, y: 70 },
    { id: 'ben', label: "Ben's tablet", sublabel: '10.0.0.12', role: 'client', x: 80, y: 145 },
    { id: 'lab', label: 'Lab PC', sublabel: '10.0.0.13', role: 'client', x: 80, y: 220 },
    {
      id: 'proxy',
      label: 'Forward proxy',
      sublabel: 'run by the school · 203.0.113.7',
      role: 'proxy',
      x: 230,
      y: 145,
    },
    { id: 'internet', label: 'The internet', sublabel: '', role: 'internet', x: 405, y: 145 },
    { id: 'news', label: 'news.example', sublabel: '198.51.100.20', role: 'server', x: 590, y: 70 },
    {
      id: 'video',
      label: 'video.example',
      sublabel: '198.51.100.21',
      role: 'server',
      x: 590,
      y: 145,
    },
    {
      id: 'maps',
      label: 'maps.example',
      sublabel: '198.51.100.22',
      role: 'server',
      x: 590,
      y: 220,
    },
  ],
  edges: [
    ['ana', 'proxy'],
    ['ben', 'proxy'],
    ['lab', 'proxy'],
    ['proxy', 'internet'],
    ['internet', 'news'],
    ['internet', 'video'],
    ['internet', 'maps'],
  ],
  hops: [
    {
      from: 'ana',
      to: 'proxy',
      sentence:
        "Ana's laptop (10.0.0.11) wants a page from news.example. Its browser was set up to hand every request to the school's proxy first, so that is where it goes.",
    },
    {
      from: 'proxy',
      to: 'internet',
      sentence:
        "The proxy checks the school's rules (is this site allowed?) and whether it already holds a fresh copy. Then it sends the request on itself, from its own public address, 203.0.113.7.",
    },
    {
      from: 'internet',
      to: 'news',
      sentence:
        'news.example gets a request from 203.0.113.7. It sees the proxy, not Ana: her address stays hidden unless the proxy chooses to add an X-Forwarded-For header.',
    },
    {
      from: 'news',
      to: 'internet',
      sentence: "news.example answers the only address it knows about: the proxy's.",
    },
    {
      from: 'internet',
      to: 'proxy',
      sentence:
        'The answer comes back to the proxy, which may keep a copy so the next pupil who asks gets it without leaving the school.',
    },
    {
      from: 'proxy',
      to: 'ana',
      sentence:
        "The proxy hands the page to Ana's laptop. Ana saw news.example's page, but news.example never saw Ana.",
    },
  ],
  rows: [
    {
      question: 'Who sets it up',
      answer:
        "The clients' side: a school, an office or a home network, or one person on their own computer.",
    },
    {
      question: 'Who is hidden, and from whom',
      answer:
        'The clients are hidden from the servers. Every server sees one address, the proxy’s, for everybody in the network.',
    },
    {
      question: 'What the client sees',
      answer:
        'The real site’s name and page. The client knows a proxy is in the way, because it was told to send its requests there.',
    },
    {
      question: 'What the server sees',
      answer:
        'The proxy’s address (203.0.113.7), not the client’s, unless the proxy adds an X-Forwarded-For header that names the client.',
    },
    {
      question: 'What it is used for',
      answer:
        'Filtering which sites a network may visit, caching pages once for everybody in it, and keeping its users anonymous.',
    },
  ],
};

const reverse: ProxyKind = {
  name: 'reverse',
  title: 'Reverse proxy',
  summary:
    'A reverse proxy works for a website: it takes requests in from the internet on the site’s behalf.',
  width: 680,
  height: 280,
  zones: [{ label: 'shop.example’s private network', x: 330, y: 10, width: 340, height: 260 }],
  nodes: [
    { id: 'phone', label: 'Phone', sublabel: '198.51.100.4', role: 'client', x: 80, y: 90 },
    { id: 'laptop', label: 'Laptop', sublabel: '192.0.2.20', role: 'client', x: 80, y: 200 },
    { id: 'internet', label: 'The internet', sublabel: '', role: 'internet', x: 235, y: 145 },
    {
      id: 'proxy',
      label: 'Reverse proxy',
      sublabel: 'shop.example · 203.0.113.10',
      role: 'proxy',
      x: 420,
      y: 145,
    },
    { id: 'app-a', label: 'app-a', sublabel: '10.0.1.5:3001', role: 'server', x: 590, y: 90 },
    { id: 'app-b', label: 'app-b', sublabel: '10.0.1.6:3002', role: 'server', x: 590, y: 200 },
  ],
  edges: [
    ['phone', 'internet'],
    ['laptop', 'internet'],
    ['internet', 'proxy'],
    ['proxy', 'app-a'],
    ['proxy', 'app-b'],
  ],
  hops: [
    {
      from: 'phone',
      to: 'internet',
      sentence:
        'A phone (198.51.100.4) asks for shop.example. That name leads to 203.0.113.10, the proxy’s address: the only one the public is ever given.',
    },
    {
      from: 'internet',
      to: 'proxy',
      sentence:
        'The proxy receives the request. It unwraps the HTTPS itself (TLS termination) and picks a backend to do the work: app-b is next in line.',
    },
    {
      from: 'proxy',
      to: 'app-b',
      sentence:
        'The proxy sends a new request to app-b at 10.0.1.6:3002, a private address nobody outside can reach. app-b sees the proxy as its client; the phone’s address reaches it only if the proxy adds X-Real-IP or X-Forwarded-For.',
    },
    {
      from: 'app-b',
      to: 'proxy',
      sentence: 'app-b answers the proxy, not the phone: it never talks to the outside directly.',
    },
    {
      from: 'proxy',
      to: 'internet',
      sentence:
        'The proxy sends the answer out as shop.example, from 203.0.113.10. On the way it may compress the answer or keep a copy for the next visitor.',
    },
    {
      from: 'internet',
      to: 'phone',
      sentence:
        'The phone gets its page. It saw one name and one address, and cannot tell whether app-a, app-b or ten more machines stand behind them.',
    },
  ],
  rows: [
    {
      question: 'Who sets it up',
      answer: 'The site’s owner, in front of their own servers.',
    },
    {
      question: 'Who is hidden, and from whom',
      answer:
        'The backends are hidden from the clients. Visitors never learn how many machines there are or where they live.',
    },
    {
      question: 'What the client sees',
      answer:
        'Only the proxy’s name and address (shop.example, 203.0.113.10). As far as the client can tell, the proxy is the site.',
    },
    {
      question: 'What the server sees',
      answer:
        'The proxy as its client. The visitor’s real address arrives only in headers the proxy adds, such as X-Real-IP or X-Forwarded-For.',
    },
    {
      question: 'What it is used for',
      answer:
        'Spreading load over several backends (load balancing), handling HTTPS in one place (TLS termination), caching, one entry point for many apps, and shielding the backends from direct attack.',
    },
  ],
};

export const PROXY_KINDS: Record<ProxyKindName, ProxyKind> = { forward, reverse };
export const PROXY_KIND_NAMES: ProxyKindName[] = ['forward', 'reverse'];

/** What the live region and the callout say for a hop (0-based). */
export function hopNarration(kind: ProxyKind, index: number): string {
  const hop = kind.hops[index];
  return hop ? `Hop ${index + 1} of ${kind.hops.length}: ${hop.sentence}` : '';
}
