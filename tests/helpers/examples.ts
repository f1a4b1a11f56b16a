/** The accounts and stack configs the example programs run with under the mocks (programs, hub-spoke and snapshot tests). */
import { join } from "node:path";
import { AwsMocks } from "./pulumi";
import { REPO_ROOT } from "./requests";

/** A compiled example program: `basic`, `hub-spoke/hub`, ... */
export const exampleProgram = (path: string): string => join(REPO_ROOT, "examples", path, "dist", "index.js");
export const GOLDEN_PROGRAM = join(REPO_ROOT, "golden", "dist", "index.js");

export const SUBNETS = [
  { id: "subnet-0a1", routeTableId: "rtb-0a1" },
  { id: "subnet-0b1", routeTableId: "rtb-0b1" },
];

/** An account where SUBNETS are in us-east-1a and us-east-1b. */
export const twoAzAccount = (): AwsMocks =>
  new AwsMocks({ subnets: { "subnet-0a1": { az: "us-east-1a" }, "subnet-0b1": { az: "us-east-1b" } } });

/** Three spokes of the hub example, each needing the same three services. */
export const HUB_SPOKES = ["payments", "orders", "search"].map((name, i) => ({
  name,
  vpcId: `vpc-0${name}`,
  cidrs: [`10.${i + 1}.0.0/16`],
  services: ["secretsmanager", "ecr.dkr", "s3"],
  azs: ["us-east-1a"],
}));

/** The golden path's stack config: a bundle, S3, and on-premises access. */
export const GOLDEN_CONFIG = {
  "aws:region": "us-east-1",
  "vpce:vpcId": "vpc-0abc",
  "vpce:subnets": SUBNETS,
  "vpce:bundles": ["ssm-session-manager"],
  "vpce:services": ["s3"],
  "vpce:access": { onPremises: { cidrs: ["192.168.0.0/16"] } },
};
