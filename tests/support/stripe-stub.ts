import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { createStripeClient, type PaymentsConfig } from "../../app/domain/payments/stripe-client.server";

/**
 * A small, real Stripe for tests: an HTTP server speaking the API's wire format (form-encoded
 * bodies with `a[b][0]` keys, JSON objects with Stripe's ids and fields, `{ error: { type } }` on
 * failure) for the calls Vicinato makes, so the official SDK is used unchanged:
 *
 *   POST /v1/checkout/sessions  GET /v1/checkout/sessions/:id  POST /v1/checkout/sessions/:id/expire
 *   POST /v1/accounts           GET /v1/accounts/:id           POST /v1/account_links
 *   POST /v1/refunds            GET /v1/charges/:id            GET /v1/payment_intents/:id
 *
 * It honours Idempotency-Key (same key and parameters: the first answer again; different
 * parameters: an idempotency_error), can fail on purpose (the next N requests answer 500, or hang
 * until the client times out) and sends correctly signed webhooks (Stripe's own signing code) to
 * the app. For browser tests it also serves a hosted "checkout page" at session.url whose Pay
 * button completes the session, delivers checkout.session.completed and returns to success_url,
 * and an Express onboarding page that enables the account and delivers account.updated.
 */

export const STUB_SECRET_KEY = "sk_test_vicinato_stub";
export const STUB_WEBHOOK_SECRET = "whsec_vicinato_stub_secret";
const API_VERSION = "2026-10-28.endive";

type Json = Record<string, unknown>;

export interface StubRequest {
  method: string;
  path: string;
  params: Json;
  idempotencyKey: string | null;
}

export interface StripeStubOptions {
  port?: number;
  host?: string;
  webhookSecret?: string;
  /** Where signed events are POSTed (the app's /stripe/webhook). */
  webhookUrl?: string;
  /** Deliver charge.refunded after each refund (default false: tests deliver by hand). */
  webhookOnRefund?: boolean;
}

interface Fault {
  kind: "status" | "hang";
  status?: number;
  /** For hang: carry the request out before hanging (the answer is lost, the object exists). */
  process?: boolean;
}

const rand = (n = 14) => crypto.randomBytes(n).toString("base64url").replace(/[-_]/g, "x").slice(0, n);
const now = () => Math.floor(Date.now() / 1000);

/** `a[b][0][c]=x` pairs → nested objects and arrays (what Stripe's servers accept). */
export function parseStripeForm(body: string): Json {
  const root: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const key: string | number = Array.isArray(node) ? Number(part) : part;
      if (last) {
        (node as Record<string | number, unknown>)[key] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
      const container = node as Record<string | number, unknown>;
      container[key] ??= nextIsIndex ? [] : {};
      node = container[key] as Record<string, unknown> | unknown[];
    });
  }
  return root;
}

const asInt = (value: unknown): number | null => (value === undefined || value === "" ? null : Number.parseInt(String(value), 10));
const asBool = (value: unknown): boolean => value === "true" || value === true;

class StubError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export class StripeStub {
  readonly requests: StubRequest[] = [];
  readonly sessions = new Map<string, Json>();
  readonly accounts = new Map<string, Json>();
  readonly paymentIntents = new Map<string, Json>();
  readonly charges = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  readonly accountLinks = new Map<string, Json>();
  /** Every event this stub built, in order (delivered or not). */
  readonly events: Stripe.Event[] = [];
  readonly deliveries: Array<{ eventId: string; type: string; status: number }> = [];
  webhookUrl: string | undefined;
  readonly webhookSecret: string;
  private readonly faults: Fault[] = [];
  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  private readonly hanging = new Set<http.ServerResponse>();
  private readonly signer = new Stripe(STUB_SECRET_KEY);
  private server!: http.Server;
  url = "";

  constructor(private readonly options: StripeStubOptions = {}) {
    this.webhookSecret = options.webhookSecret ?? STUB_WEBHOOK_SECRET;
    this.webhookUrl = options.webhookUrl;
  }

  async listen(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? "127.0.0.1", () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://${this.options.host ?? "127.0.0.1"}:${port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------ test controls

  /** The next `count` API requests answer with this status (default 500) and do nothing. */
  failNext(count = 1, status = 500): void {
    for (let i = 0; i < count; i++) this.faults.push({ kind: "status", status });
  }

  /** The next `count` API requests never answer (the client times out); with `process`, they still take effect. */
  hangNext(count = 1, options: { process?: boolean } = {}): void {
    for (let i = 0; i < count; i++) this.faults.push({ kind: "hang", process: options.process });
  }

  /** The official SDK pointed at this stub. */
  client(options: { timeoutMs?: number } = {}): Stripe {
    return createStripeClient(STUB_SECRET_KEY, this.url, options);
  }

  /** Payment settings as the app builds them from the environment, against this stub. */
  config(options: { platformFeeBps?: number; timeoutMs?: number } = {}): PaymentsConfig {
    return { stripe: this.client({ timeoutMs: options.timeoutMs ?? 2000 }), webhookSecret: this.webhookSecret, platformFeeBps: options.platformFeeBps ?? 0 };
  }

  apiRequests(method: string, pathPrefix: string): StubRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }

  /** An Express account that may take charges (as after onboarding). */
  createEnabledAccount(metadata: Json = {}): string {
    const account = this.newAccount({ metadata });
    Object.assign(account, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
    return account.id as string;
  }

  setAccountEnabled(accountId: string, enabled: boolean): Json {
    const account = this.mustGet(this.accounts, accountId, "account");
    Object.assign(account, { charges_enabled: enabled, payouts_enabled: enabled, details_submitted: enabled || account.details_submitted });
    return account;
  }

  /**
   * The family paid at Stripe: the session completes, with a succeeded payment intent and its
   * charge. Returns the checkout.session.completed event (not delivered: see deliver()).
   */
  completeSession(sessionId: string, options: { paymentStatus?: "paid" | "unpaid" } = {}): Stripe.Event {
    const session = this.mustGet(this.sessions, sessionId, "checkout session");
    if (session.status === "complete") return this.makeEvent("checkout.session.completed", session);
    if (session.status !== "open") throw new Error(`session ${sessionId} is ${session.status}`);
    const internal = session._internal as Json;
    const piData = (internal.payment_intent_data ?? {}) as Json;
    const paymentIntentId = `pi_${rand(24)}`;
    const chargeId = `ch_${rand(24)}`;
    const amount = session.amount_total as number;
    const paid = (options.paymentStatus ?? "paid") === "paid";
    this.paymentIntents.set(paymentIntentId, {
      id: paymentIntentId,
      object: "payment_intent",
      amount,
      amount_received: paid ? amount : 0,
      currency: session.currency,
      status: paid ? "succeeded" : "processing",
      application_fee_amount: asInt(piData.application_fee_amount),
      transfer_data: piData.transfer_data ? { destination: (piData.transfer_data as Json).destination } : null,
      metadata: piData.metadata ?? {},
      latest_charge: chargeId,
      last_payment_error: null,
      livemode: false,
      created: now(),
    });
    this.charges.set(chargeId, {
      id: chargeId,
      object: "charge",
      amount,
      amount_captured: paid ? amount : 0,
      amount_refunded: 0,
      refunded: false,
      captured: paid,
      paid,
      status: paid ? "succeeded" : "pending",
      currency: session.currency,
      payment_intent: paymentIntentId,
      application_fee_amount: asInt(piData.application_fee_amount),
      transfer_data: piData.transfer_data ? { destination: (piData.transfer_data as Json).destination } : null,
      metadata: {},
      livemode: false,
      created: now(),
    });
    Object.assign(session, { status: "complete", payment_status: paid ? "paid" : "unpaid", payment_intent: paymentIntentId });
    return this.makeEvent("checkout.session.completed", session);
  }

  /** The session ran out of time at Stripe. */
  expireSession(sessionId: string): Stripe.Event {
    const session = this.mustGet(this.sessions, sessionId, "checkout session");
    if (session.status === "open") Object.assign(session, { status: "expired", url: null });
    return this.makeEvent("checkout.session.expired", session);
  }

  /** A refund made outside the app (e.g. in Stripe's dashboard); returns the charge.refunded event. */
  refundOutside(paymentIntentId: string, amount?: number): Stripe.Event {
    const refund = this.createRefund({ payment_intent: paymentIntentId, ...(amount ? { amount: String(amount) } : {}) });
    return this.makeEvent("charge.refunded", this.mustGet(this.charges, refund.charge as string, "charge"));
  }

  chargeRefundedEvent(paymentIntentId: string): Stripe.Event {
    const pi = this.mustGet(this.paymentIntents, paymentIntentId, "payment intent");
    return this.makeEvent("charge.refunded", this.mustGet(this.charges, pi.latest_charge as string, "charge"));
  }

  paymentFailedEvent(sessionId: string, code = "card_declined"): Stripe.Event {
    const session = this.mustGet(this.sessions, sessionId, "checkout session");
    const piData = ((session._internal as Json).payment_intent_data ?? {}) as Json;
    return this.makeEvent("payment_intent.payment_failed", {
      id: `pi_${rand(24)}`,
      object: "payment_intent",
      amount: session.amount_total,
      currency: session.currency,
      status: "requires_payment_method",
      metadata: piData.metadata ?? {},
      last_payment_error: { code, message: "Your card was declined.", type: "card_error" },
      livemode: false,
      created: now(),
    });
  }

  accountUpdatedEvent(accountId: string, options: { created?: number } = {}): Stripe.Event {
    return this.makeEvent("account.updated", this.mustGet(this.accounts, accountId, "account"), options);
  }

  /** A Stripe event around a copy of the object (the object's state now). */
  makeEvent(type: string, object: Json, options: { created?: number } = {}): Stripe.Event {
    const { _internal, ...visible } = object;
    void _internal;
    const event = {
      id: `evt_${rand(24)}`,
      object: "event",
      api_version: API_VERSION,
      created: options.created ?? now(),
      data: { object: structuredClone(visible) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    this.events.push(event);
    return event;
  }

  /** The exact bytes Stripe would POST and a valid Stripe-Signature header for them. */
  sign(event: Stripe.Event, options: { secret?: string; timestamp?: number } = {}): { payload: string; signature: string } {
    const payload = JSON.stringify(event, null, 2);
    const signature = this.signer.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? this.webhookSecret,
      timestamp: options.timestamp,
    });
    return { payload, signature };
  }

  /** POSTs the signed event to the app's webhook URL; resolves with the HTTP status. */
  async deliver(event: Stripe.Event): Promise<number> {
    if (!this.webhookUrl) throw new Error("no webhookUrl configured");
    const { payload, signature } = this.sign(event);
    const response = await fetch(this.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signature, "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
      body: payload,
    });
    await response.arrayBuffer();
    this.deliveries.push({ eventId: event.id, type: event.type, status: response.status });
    return response.status;
  }

  // ------------------------------------------------------------------ HTTP

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.url);
    try {
      if (url.pathname.startsWith("/v1/")) await this.handleApi(req, res, url, body);
      else await this.handlePage(req, res, url, body);
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String((error as Error).stack ?? error));
      }
    }
  }

  private async handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): Promise<void> {
    const method = req.method ?? "GET";
    const params = method === "GET" ? parseStripeForm(url.search.slice(1)) : parseStripeForm(body);
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    this.requests.push({ method, path: url.pathname, params, idempotencyKey });

    const send = (status: number, payload: string, replayed = false) => {
      res.writeHead(status, {
        "content-type": "application/json",
        "request-id": `req_${rand(14)}`,
        "stripe-version": API_VERSION,
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
        ...(replayed ? { "idempotent-replayed": "true" } : {}),
      });
      res.end(payload);
    };

    if (!/^Bearer sk_/.test(String(req.headers.authorization ?? ""))) {
      send(401, JSON.stringify({ error: { type: "invalid_request_error", message: "Invalid API Key provided" } }));
      return;
    }

    const fault = this.faults.shift();
    if (fault?.kind === "status") {
      send(fault.status ?? 500, JSON.stringify({ error: { type: "api_error", message: "An unknown error occurred (injected by the stub)." } }));
      return;
    }

    if (fault?.kind === "hang" && !fault.process) {
      this.hanging.add(res);
      return;
    }

    const fingerprint = `${method} ${url.pathname} ${JSON.stringify(params)}`;
    if (idempotencyKey && method === "POST") {
      const earlier = this.idempotent.get(idempotencyKey);
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) {
          send(400, JSON.stringify({ error: { type: "idempotency_error", message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.` } }));
        } else if (fault?.kind === "hang") this.hanging.add(res);
        else send(earlier.status, earlier.body, true);
        return;
      }
    }

    let status = 200;
    let payload: string;
    try {
      payload = JSON.stringify(this.route(method, url.pathname, params));
    } catch (error) {
      if (!(error instanceof StubError)) throw error;
      status = error.status;
      payload = JSON.stringify({ error: { type: error.type, message: error.message, ...(error.param ? { param: error.param } : {}) } });
    }
    if (idempotencyKey && method === "POST") this.idempotent.set(idempotencyKey, { fingerprint, status, body: payload });
    if (fault?.kind === "hang") {
      this.hanging.add(res);
      return;
    }
    send(status, payload);
  }

  private route(method: string, path: string, params: Json): Json {
    const expand = Array.isArray(params.expand) ? (params.expand as string[]) : [];
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return this.publicView(this.createSession(params));
    if (method === "GET" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) return this.publicView(this.mustGet(this.sessions, m[1]!, "checkout session", 404));
    if (method === "POST" && (m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/))) {
      const session = this.mustGet(this.sessions, m[1]!, "checkout session", 404);
      if (session.status !== "open") throw new StubError(400, "invalid_request_error", `Only Checkout Sessions with a status in ["open"] can be expired.`);
      Object.assign(session, { status: "expired", url: null });
      return this.publicView(session);
    }
    if (method === "POST" && path === "/v1/accounts") return this.newAccount(params);
    if (method === "GET" && (m = path.match(/^\/v1\/accounts\/([^/]+)$/))) return this.mustGet(this.accounts, m[1]!, "account", 404);
    if (method === "POST" && path === "/v1/account_links") return this.createAccountLink(params);
    if (method === "POST" && path === "/v1/refunds") {
      const refund = this.createRefund(params);
      const view: Json = { ...refund };
      if (expand.includes("charge")) view.charge = this.charges.get(refund.charge as string);
      return view;
    }
    if (method === "GET" && (m = path.match(/^\/v1\/charges\/([^/]+)$/))) return this.mustGet(this.charges, m[1]!, "charge", 404);
    if (method === "GET" && (m = path.match(/^\/v1\/payment_intents\/([^/]+)$/))) return this.mustGet(this.paymentIntents, m[1]!, "payment intent", 404);
    throw new StubError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  private mustGet(map: Map<string, Json>, id: string, what: string, status = 400): Json {
    const found = map.get(id);
    if (!found) throw new StubError(status, "invalid_request_error", `No such ${what}: '${id}'`, "id");
    return found;
  }

  private publicView(object: Json): Json {
    const { _internal, ...visible } = object;
    void _internal;
    return visible;
  }

  private createSession(params: Json): Json {
    if (params.mode !== "payment") throw new StubError(400, "invalid_request_error", "Only mode=payment is supported by the stub.", "mode");
    if (!params.success_url) throw new StubError(400, "invalid_request_error", "Missing required param: success_url.", "success_url");
    const items = (params.line_items ?? []) as Json[];
    if (items.length === 0) throw new StubError(400, "invalid_request_error", "Missing required param: line_items.", "line_items");
    let amount = 0;
    let currency = "eur";
    for (const item of items) {
      const price = (item.price_data ?? {}) as Json;
      const unit = asInt(price.unit_amount);
      if (unit === null || unit < 0) throw new StubError(400, "invalid_request_error", "line_items[0][price_data][unit_amount] is required.", "line_items");
      amount += unit * (asInt(item.quantity) ?? 1);
      currency = String(price.currency ?? "eur");
    }
    if (amount < 50) throw new StubError(400, "invalid_request_error", "The Checkout Session's total amount due must add up to at least €0.50 eur", "line_items");
    const piData = (params.payment_intent_data ?? {}) as Json;
    const fee = asInt(piData.application_fee_amount);
    if (fee !== null && (fee < 0 || fee > amount)) {
      throw new StubError(400, "invalid_request_error", "The application fee must be less than or equal to the charge amount.", "payment_intent_data[application_fee_amount]");
    }
    const destination = (piData.transfer_data as Json | undefined)?.destination as string | undefined;
    if (destination) {
      const account = this.accounts.get(destination);
      if (!account) throw new StubError(400, "invalid_request_error", `No such destination: '${destination}'`, "payment_intent_data[transfer_data][destination]");
      if (!account.charges_enabled) {
        throw new StubError(400, "invalid_request_error", "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments", "payment_intent_data[transfer_data][destination]");
      }
    }
    const id = `cs_test_${rand(40)}`;
    const session: Json = {
      id,
      object: "checkout.session",
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: params.cancel_url ?? null,
      client_reference_id: params.client_reference_id ?? null,
      created: now(),
      currency,
      customer_email: params.customer_email ?? null,
      expires_at: asInt(params.expires_at) ?? now() + 24 * 3600,
      livemode: false,
      locale: params.locale ?? null,
      metadata: params.metadata ?? {},
      mode: "payment",
      payment_intent: null,
      payment_status: "unpaid",
      status: "open",
      success_url: params.success_url,
      url: `${this.url}/checkout/${id}`,
      _internal: { line_items: items, payment_intent_data: piData },
    };
    this.sessions.set(id, session);
    return session;
  }

  private newAccount(params: Json): Json {
    const id = `acct_${rand(16)}`;
    const account: Json = {
      id,
      object: "account",
      type: params.type ?? "express",
      country: params.country ?? "IT",
      email: params.email ?? null,
      business_type: params.business_type ?? null,
      capabilities: { card_payments: "inactive", transfers: "inactive" },
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      metadata: params.metadata ?? {},
      created: now(),
    };
    this.accounts.set(id, account);
    return account;
  }

  private createAccountLink(params: Json): Json {
    const account = this.mustGet(this.accounts, String(params.account ?? ""), "account");
    if (!params.return_url || !params.refresh_url) throw new StubError(400, "invalid_request_error", "Missing required param: return_url / refresh_url.");
    const linkId = rand(20);
    this.accountLinks.set(linkId, { account: account.id, return_url: params.return_url, refresh_url: params.refresh_url });
    return { object: "account_link", created: now(), expires_at: now() + 300, url: `${this.url}/connect/onboarding/${linkId}` };
  }

  private createRefund(params: Json): Json {
    const pi = this.mustGet(this.paymentIntents, String(params.payment_intent ?? ""), "payment_intent");
    if (pi.status !== "succeeded") throw new StubError(400, "invalid_request_error", `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`);
    const charge = this.mustGet(this.charges, pi.latest_charge as string, "charge");
    const left = (charge.amount as number) - (charge.amount_refunded as number);
    const amount = asInt(params.amount) ?? left;
    if (amount <= 0 || amount > left) {
      throw new StubError(400, "invalid_request_error", `Refund amount (€${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge (€${(left / 100).toFixed(2)})`, "amount");
    }
    charge.amount_refunded = (charge.amount_refunded as number) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    const id = `re_${rand(24)}`;
    const refund: Json = {
      id,
      object: "refund",
      amount,
      charge: charge.id,
      currency: charge.currency,
      payment_intent: pi.id,
      metadata: params.metadata ?? {},
      status: "succeeded",
      reason: params.reason ?? null,
      reverse_transfer: asBool(params.reverse_transfer),
      refund_application_fee: asBool(params.refund_application_fee),
      created: now(),
    };
    this.refunds.set(id, refund);
    if (this.options.webhookOnRefund && this.webhookUrl) {
      const event = this.makeEvent("charge.refunded", charge);
      setTimeout(() => void this.deliver(event).catch(() => undefined), 10);
    }
    return refund;
  }

  // ------------------------------------------------------------------ hosted pages (browser tests)

  private async handlePage(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string): Promise<void> {
    let m: RegExpMatchArray | null;
    const html = (status: number, title: string, content: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${content}</main></body></html>`);
    };
    const redirect = (location: string) => {
      res.writeHead(303, { location });
      res.end();
    };
    if (req.method === "GET" && (m = url.pathname.match(/^\/checkout\/([^/]+)$/))) {
      const session = this.sessions.get(m[1]!);
      if (!session || session.status !== "open") return html(404, "Checkout session not available", "<p>This checkout is closed.</p>");
      const amount = ((session.amount_total as number) / 100).toFixed(2);
      const name = String((((session._internal as Json).line_items as Json[])[0]?.price_data as Json)?.product_data ? ((((session._internal as Json).line_items as Json[])[0]!.price_data as Json).product_data as Json).name : "");
      return html(
        200,
        "Stripe test checkout",
        `<p data-testid="item">${escapeHtml(name)}</p><p data-testid="amount">EUR ${amount}</p>
         <form method="post" action="/checkout/${session.id}/pay"><button type="submit">Pay</button></form>
         <p><a href="${escapeHtml(String(session.cancel_url ?? "/"))}">Back</a></p>`,
      );
    }
    if (req.method === "POST" && (m = url.pathname.match(/^\/checkout\/([^/]+)\/pay$/))) {
      const session = this.sessions.get(m[1]!);
      if (!session || session.status !== "open") return html(409, "Checkout session not available", "<p>This checkout is closed.</p>");
      const event = this.completeSession(session.id as string);
      if (this.webhookUrl) await this.deliver(event);
      return redirect(String(session.success_url).replace("{CHECKOUT_SESSION_ID}", String(session.id)));
    }
    if (req.method === "GET" && (m = url.pathname.match(/^\/connect\/onboarding\/([^/]+)$/))) {
      const link = this.accountLinks.get(m[1]!);
      if (!link) return html(404, "Link expired", "<p>This onboarding link has expired.</p>");
      return html(
        200,
        "Stripe Express test onboarding",
        `<p>Account ${escapeHtml(String(link.account))}</p><form method="post" action="/connect/onboarding/${m[1]}"><button type="submit">Complete onboarding</button></form>`,
      );
    }
    if (req.method === "POST" && (m = url.pathname.match(/^\/connect\/onboarding\/([^/]+)$/))) {
      const link = this.accountLinks.get(m[1]!);
      if (!link) return html(404, "Link expired", "<p>This onboarding link has expired.</p>");
      this.setAccountEnabled(String(link.account), true);
      if (this.webhookUrl) await this.deliver(this.accountUpdatedEvent(String(link.account)));
      return redirect(String(link.return_url));
    }
    if (url.pathname === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok", body: body.length }));
      return;
    }
    html(404, "Not found", "");
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export async function startStripeStub(options: StripeStubOptions = {}): Promise<StripeStub> {
  return new StripeStub(options).listen();
}
