import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface RequestContext {
  requestId: string;
  /** The address of the person behind the request, as the gateway saw it: for audit records. */
  clientIp?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

const SAFE_ID = /^[\w.:-]{1,128}$/;

/** Keeps a caller's `x-request-id` when it is a sane token, so one id follows a request across services. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_ID.test(value) ? value : randomUUID();
}

export function runWithRequestId<T>(requestId: string, fn: () => T, clientIp?: string): T {
  return storage.run(clientIp ? { requestId, clientIp } : { requestId }, fn);
}

const SAFE_IP = /^[\da-fA-F.:]{2,45}$/;

/** An `x-client-ip` a service was given by the gateway, if it looks like an address. */
export function clientIpFrom(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_IP.test(value) ? value : undefined;
}

/** The client address of the request being served, for outgoing calls and audit records. */
export function currentClientIp(): string | undefined {
  return storage.getStore()?.clientIp;
}

/** The id of the request being served, for outgoing calls and logs. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
