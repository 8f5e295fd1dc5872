import { closeServer, listenOnLoopback } from './loopback.js';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { checkResponse } from './openapi-check.js';

/**
 * A stateful fake of the GitHub REST endpoints the action uses, on loopback: issues
 * (list/create/get/update), comments (create/list), labels (list/create), GET /user.
 * One repository's state whatever owner/repo the path names. Pagination with Link headers,
 * 422 on over-long titles and bodies, injectable failures (secondary rate limits with
 * retry-after, 500s), and every response checked against GitHub's OpenAPI description
 * (`violations`) so the fake cannot drift from the real API.
 */
export interface TokenIdentity {
  login: string;
  /** Installation tokens (GITHUB_TOKEN) get 403 on GET /user. */
  installation: boolean;
}

export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
  author: string;
  labels: string[];
  assignees: string[];
  comments: number;
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: number;
}

export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

export interface Injection {
  method?: string;
  path?: RegExp;
  status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  retryAfter?: number;
  message?: string;
  /** Carry the request out, then answer with the injected status (a write that timed out upstream). */
  afterEffect?: boolean;
}

export const TITLE_MAX = 256;
export const BODY_MAX = 65_536;
const REPO = 'acme/shop';

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class FakeGitHub {
  readonly issues: FakeIssue[] = [];
  readonly comments: FakeComment[] = [];
  readonly labels: FakeLabel[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  url = '';
  private injections: (Injection & { left: number })[] = [];
  private nextId = 1000;
  private clock: number;
  private server: Server | undefined;

  constructor(
    private readonly tokens: Record<string, TokenIdentity> = {
      'ghs-installation': { login: 'github-actions[bot]', installation: true },
      'ghp-personal': { login: 'octo-maintainer', installation: false },
    },
    now = Date.UTC(2025, 0, 1),
  ) {
    this.clock = now;
  }

  static async start(tokens?: Record<string, TokenIdentity>, now?: number): Promise<FakeGitHub> {
    const fake = new FakeGitHub(tokens, now);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    fake.url = await listenOnLoopback(fake.server);
    return fake;
  }

  async close(): Promise<void> {
    if (this.server) await closeServer(this.server);
  }

  setNow(ms: number): void {
    this.clock = ms;
  }

  inject(injection: Injection): void {
    this.injections.push({ ...injection, left: injection.times ?? 1 });
  }

  /** Requests that change state (everything but GET/HEAD). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  }

  seedIssue(partial: Partial<FakeIssue> & { title: string; author: string }): FakeIssue {
    const number = this.issues.length + 1;
    const issue: FakeIssue = {
      id: this.nextId++,
      number,
      body: '',
      state: 'open',
      stateReason: null,
      closedAt: null,
      createdAt: this.clock,
      updatedAt: this.clock,
      labels: [],
      assignees: [],
      comments: 0,
      ...partial,
    };
    this.issues.push(issue);
    return issue;
  }

  private user(login: string): Record<string, unknown> {
    const api = `${this.url}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id: 1,
      node_id: 'U_1',
      avatar_url: 'https://avatars.example/u/1',
      gravatar_id: '',
      url: api,
      html_url: `https://github.com/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: login.endsWith('[bot]') ? 'Bot' : 'User',
      site_admin: false,
    };
  }

  private labelJson(label: FakeLabel): Record<string, unknown> {
    return {
      id: label.id,
      node_id: `LA_${label.id}`,
      url: `${this.url}/repos/${REPO}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      description: label.description,
      color: label.color,
      default: false,
    };
  }

  private issueJson(issue: FakeIssue): Record<string, unknown> {
    const api = `${this.url}/repos/${REPO}/issues/${issue.number}`;
    return {
      id: issue.id,
      node_id: `I_${issue.id}`,
      url: api,
      repository_url: `${this.url}/repos/${REPO}`,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `https://github.com/${REPO}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.author),
      labels: issue.labels.map((name) =>
        this.labelJson(this.labelNamed(name) ?? { id: 0, name, color: 'ededed', description: null }),
      ),
      assignee: issue.assignees[0] ? this.user(issue.assignees[0]) : null,
      assignees: issue.assignees.map((a) => this.user(a)),
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: issue.comments,
      closed_at: issue.closedAt === null ? null : iso(issue.closedAt),
      created_at: iso(issue.createdAt),
      updated_at: iso(issue.updatedAt),
      author_association: 'NONE',
    };
  }

  private commentJson(comment: FakeComment): Record<string, unknown> {
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${this.url}/repos/${REPO}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${REPO}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${this.url}/repos/${REPO}/issues/${comment.issueNumber}`,
      body: comment.body,
      user: this.user(comment.author),
      created_at: iso(comment.createdAt),
      updated_at: iso(comment.createdAt),
      author_association: 'NONE',
    };
  }

  private labelNamed(name: string): FakeLabel | undefined {
    return this.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  }

  private addLabel(name: string, color = 'ededed', description: string | null = null): FakeLabel {
    const label = { id: this.nextId++, name, color, description };
    this.labels.push(label);
    return label;
  }

  private async readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? JSON.parse(text) : undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const body = await this.readBody(req);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
    };
    this.requests.push(record);
    let override: Injection | undefined;
    const send = (status: number, json: unknown, template?: string, headers: Record<string, string> = {}): void => {
      if (override) {
        [status, json, template, headers] = [override.status, { message: 'Server Error' }, undefined, {}];
      }
      record.status = status;
      if (template) this.violations.push(...checkResponse(method, template, status, json));
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(json === undefined ? '' : JSON.stringify(json));
    };

    const injected = this.injections.find(
      (i) => i.left > 0 && (!i.method || i.method === method) && (!i.path || i.path.test(url.pathname)),
    );
    if (injected?.afterEffect) {
      injected.left -= 1;
      override = injected;
    } else if (injected) {
      injected.left -= 1;
      const headers: Record<string, string> =
        injected.retryAfter !== undefined ? { 'retry-after': String(injected.retryAfter) } : {};
      const message =
        injected.message ??
        (injected.status === 500
          ? 'Server Error'
          : 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.');
      return send(injected.status, { message, documentation_url: 'https://docs.github.com/rest' }, undefined, headers);
    }

    const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const identity = token ? this.tokens[token] : undefined;
    if (!identity)
      return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }, '/user');

    const route = url.pathname.replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{owner}/{repo}');
    const issueMatch = /^\/repos\/\{owner\}\/\{repo\}\/issues\/(\d+)(\/comments)?$/.exec(route);
    const invalid = (template: string, field: string): void =>
      send(
        422,
        {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', code: 'custom', field, message: `${field} is too long` }],
          documentation_url: 'https://docs.github.com/rest',
        },
        template,
      );

    if (route === '/user' && method === 'GET') {
      if (identity.installation)
        return send(
          403,
          { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
          '/user',
        );
      return send(
        200,
        {
          ...this.user(identity.login),
          name: null,
          company: null,
          blog: '',
          location: null,
          email: null,
          hireable: null,
          bio: null,
          public_repos: 0,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: iso(0),
          updated_at: iso(0),
        },
        '/user',
      );
    }
    if (route === '/repos/{owner}/{repo}/issues' && method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      const wanted = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
      const since = url.searchParams.get('since');
      const items = this.issues
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => wanted.every((l) => i.labels.some((have) => have.toLowerCase() === l.toLowerCase())))
        .filter((i) => !since || i.updatedAt >= Date.parse(since))
        .sort((a, b) => b.createdAt - a.createdAt || b.number - a.number);
      return this.sendPage(
        url,
        items.map((i) => this.issueJson(i)),
        (status, json, headers) => send(status, json, '/repos/{owner}/{repo}/issues', headers),
      );
    }
    if (route === '/repos/{owner}/{repo}/issues' && method === 'POST') {
      const input = body as { title?: string; body?: string; labels?: string[]; assignees?: string[] };
      const template = '/repos/{owner}/{repo}/issues';
      if (!input?.title) return invalid(template, 'title');
      if ([...input.title].length > TITLE_MAX) return invalid(template, 'title');
      if ((input.body ?? '').length > BODY_MAX) return invalid(template, 'body');
      for (const name of input.labels ?? []) if (!this.labelNamed(name)) this.addLabel(name);
      const issue = this.seedIssue({
        title: input.title,
        body: input.body ?? '',
        author: identity.login,
        labels: input.labels ?? [],
        assignees: input.assignees ?? [],
      });
      return send(201, this.issueJson(issue), template);
    }
    if (issueMatch) {
      const issue = this.issues.find((i) => i.number === Number(issueMatch[1]));
      const template = issueMatch[2]
        ? '/repos/{owner}/{repo}/issues/{issue_number}/comments'
        : '/repos/{owner}/{repo}/issues/{issue_number}';
      if (!issue)
        return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, template);
      if (!issueMatch[2] && method === 'GET') return send(200, this.issueJson(issue), template);
      if (!issueMatch[2] && method === 'PATCH') {
        const patch = body as {
          title?: string;
          body?: string;
          labels?: string[];
          state?: 'open' | 'closed';
          state_reason?: string | null;
        };
        if (patch.title !== undefined && [...patch.title].length > TITLE_MAX) return invalid(template, 'title');
        if (patch.body !== undefined && patch.body.length > BODY_MAX) return invalid(template, 'body');
        if (patch.title !== undefined) issue.title = patch.title;
        if (patch.body !== undefined) issue.body = patch.body;
        if (patch.labels !== undefined) {
          for (const name of patch.labels) if (!this.labelNamed(name)) this.addLabel(name);
          issue.labels = patch.labels;
        }
        if (patch.state === 'closed' && issue.state === 'open') {
          issue.state = 'closed';
          issue.closedAt = this.clock;
          issue.stateReason = patch.state_reason ?? 'completed';
        } else if (patch.state === 'open' && issue.state === 'closed') {
          issue.state = 'open';
          issue.closedAt = null;
          issue.stateReason = 'reopened';
        }
        issue.updatedAt = this.clock;
        return send(200, this.issueJson(issue), template);
      }
      if (issueMatch[2] && method === 'POST') {
        const text = (body as { body?: string })?.body ?? '';
        if (!text || text.length > BODY_MAX) return invalid(template, 'body');
        const comment = {
          id: this.nextId++,
          issueNumber: issue.number,
          body: text,
          author: identity.login,
          createdAt: this.clock,
        };
        this.comments.push(comment);
        issue.comments += 1;
        issue.updatedAt = this.clock;
        return send(201, this.commentJson(comment), template);
      }
      if (issueMatch[2] && method === 'GET') {
        const items = this.comments.filter((c) => c.issueNumber === issue.number).map((c) => this.commentJson(c));
        return this.sendPage(url, items, (status, json, headers) => send(status, json, template, headers));
      }
    }
    if (route === '/repos/{owner}/{repo}/labels' && method === 'GET') {
      return this.sendPage(
        url,
        this.labels.map((l) => this.labelJson(l)),
        (status, json, headers) => send(status, json, '/repos/{owner}/{repo}/labels', headers),
      );
    }
    if (route === '/repos/{owner}/{repo}/labels' && method === 'POST') {
      const input = body as { name: string; color?: string; description?: string };
      if (this.labelNamed(input.name)) {
        return send(
          422,
          {
            message: 'Validation Failed',
            errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
            documentation_url: 'https://docs.github.com/rest',
          },
          '/repos/{owner}/{repo}/labels',
        );
      }
      return send(
        201,
        this.labelJson(this.addLabel(input.name, input.color ?? 'ededed', input.description ?? null)),
        '/repos/{owner}/{repo}/labels',
      );
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  /** GitHub-style pagination: `per_page` (default 30, max 100), `page`, and a Link header. */
  private sendPage(
    url: URL,
    items: unknown[],
    send: (status: number, json: unknown, headers: Record<string, string>) => void,
  ): void {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string): string => {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(n));
      next.searchParams.set('per_page', String(perPage));
      return `<${next.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    send(200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
  }
}
