// Renders and reads deploy/kubernetes offline, for kubernetes.test.ts: `kubectl kustomize` builds
// an overlay, kubernetes-models checks every object against the Kubernetes API schemas.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './paths.js';

export const KUBERNETES_DIR = path.join(ROOT, 'deploy', 'kubernetes');

/** The parts of an object every check reads; the rest is checked against the schemas. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: each check narrows it through the kubernetes-models interfaces
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** The model of every kind the manifests may hold: an object of any other kind fails the test. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
};

/** Throws, naming the object and the first schema violation, unless `object` is a valid one of its kind. */
export function validate(object: KubeObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`${object.kind} ${object.metadata?.name}: no model for ${object.apiVersion} ${object.kind}`);
  try {
    new Model(object as never).validate();
  } catch (err) {
    throw new Error(`${object.kind} ${object.metadata.name}: ${(err as Error).message}`);
  }
}

/**
 * `kubectl kustomize` of each folder (under deploy/kubernetes), side by side, parsed: one object per
 * YAML document. Null when kubectl is not installed; any other failure throws with kubectl's words.
 */
export async function renderAll(dirs: readonly string[]): Promise<Map<string, KubeObject[]> | null> {
  const outputs = await Promise.all(dirs.map((dir) => kustomize(dir)));
  if (outputs.includes(null)) return null;
  return new Map(dirs.map((dir, i) => [dir, parse(outputs[i]!)]));
}

function kustomize(dir: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    execFile('kubectl', ['kustomize', path.join(KUBERNETES_DIR, dir)], { maxBuffer: 32 * 1024 * 1024 }, (err, stdout, stderr) => {
      if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') resolve(null);
      else if (err) reject(new Error(`kubectl kustomize ${dir} failed:\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function parse(text: string): KubeObject[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw doc.errors[0];
    return doc.toJS() as KubeObject;
  });
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** Whether a label selector picks an object with these labels (`{}` picks all). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const matchExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return key in labels && values.includes(labels[key]!);
    if (operator === 'NotIn') return !(key in labels) || !values.includes(labels[key]!);
    return operator === 'Exists' ? key in labels : !(key in labels);
  });
  return matchLabels && matchExpressions;
}
