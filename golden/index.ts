/** Entry point of the top-level Pulumi.yaml: the config-only golden path (see program.ts). */
import { goldenPath } from "./program";

const outputs = goldenPath();

export const endpoints = outputs.endpoints;
export const monthlyCostUsd = outputs.monthlyCostUsd;
export const warnings = outputs.warnings;
export const plan = outputs.plan;
