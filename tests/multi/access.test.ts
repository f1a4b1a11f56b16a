/** Rule 13 in a network: the hub's shared endpoints admit the hub's consumers as each service narrows them. */
import assert from "node:assert/strict";
import { planNetwork } from "vpce-plan/plan";
import { network, spoke } from "./fixtures";

describe("planNetwork: access", () => {
  const base = network([spoke("a", 1), spoke("b", 2)]);
  const withHub = (access: object, services: unknown[]): ReturnType<typeof planNetwork> =>
    planNetwork({ ...base, hub: { ...base.hub, access, services } });

  it("a hub service used only from the VPC does not admit the hub's on-premises networks on its shared endpoint", () => {
    const office = { onPremises: { cidrs: ["192.168.0.0/16"] } };
    const open = withHub(office, ["secretsmanager"]);
    const narrowed = withHub(office, [{ name: "secretsmanager", access: { onPremises: false } }]);
    const sources = (p: ReturnType<typeof planNetwork>): string[] => p.hub.ingress.secretsmanager.map((r) => `${r.source} ${r.cidr}`);
    assert.deepEqual(sources(open), ["vpc 10.0.0.0/16", "spoke:a 10.1.0.0/16", "spoke:b 10.2.0.0/16", "onPremises 192.168.0.0/16"]);
    assert.deepEqual(sources(narrowed), ["vpc 10.0.0.0/16", "spoke:a 10.1.0.0/16", "spoke:b 10.2.0.0/16"]);
  });

  it("hub consumers by security group: the shared endpoint references the group and admits the spokes by CIDR", () => {
    const p = withHub({ securityGroups: ["sg-hub-app"] }, ["secretsmanager"]);
    assert.deepEqual(
      p.hub.ingress.secretsmanager.map((r) => [r.source, r.cidr ?? r.securityGroupId]),
      [
        ["spoke:a", "10.1.0.0/16"],
        ["spoke:b", "10.2.0.0/16"],
        ["securityGroup", "sg-hub-app"],
      ],
    );
  });
});
