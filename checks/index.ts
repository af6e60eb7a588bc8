/**
 * The catalogue, in report order. Every file in checks/ (but this one) is one check named by its id;
 * test/catalogue.test.ts fails if a file is missing here, or has no docs page or tests.
 */
import type { Check } from '../src/check.js';
import bindFilter from './bind-filter.js';
import containerdConfig from './containerd-config.js';
import containerdDefaultRuntime from './containerd-default-runtime.js';
import containerdHostprocessAnnotations from './containerd-hostprocess-annotations.js';
import containerdService from './containerd-service.js';
import containerdServiceAccount from './containerd-service-account.js';
import containerdVersion from './containerd-version.js';
import hostprocessContext from './hostprocess-context.js';
import kubeletFeatureGate from './kubelet-feature-gate.js';
import kubeletRuntimeEndpoint from './kubelet-runtime-endpoint.js';
import kubeletVersion from './kubelet-version.js';
import localGroups from './local-groups.js';
import osBuild from './os-build.js';
import runhcsShim from './runhcs-shim.js';

export const CHECKS: readonly Check[] = [
  osBuild,
  bindFilter,
  containerdService,
  containerdVersion,
  containerdServiceAccount,
  containerdConfig,
  containerdDefaultRuntime,
  containerdHostprocessAnnotations,
  runhcsShim,
  kubeletVersion,
  kubeletFeatureGate,
  kubeletRuntimeEndpoint,
  localGroups,
  hostprocessContext,
];
