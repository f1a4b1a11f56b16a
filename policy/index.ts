// A ready policy pack: `pulumi preview --policy-pack ./policy` in any stack that builds VPC
// endpoints. Enforcement levels per policy (the audit's rule ids) go in a policy config file:
// `pulumi preview --policy-pack ./policy --policy-pack-config ./policy/config.example.json`.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "vpce-plan/policy";

new PolicyPack("vpce-plan", { policies });
