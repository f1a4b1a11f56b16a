import assert from "node:assert/strict";
import { join } from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { EndpointHub, EndpointSpoke, endpointHubArgsShape, endpointSpokeArgsShape } from "vpce-plan";
import { comparable } from "../helpers/argNames";
import { REPO_ROOT } from "../helpers/requests";

describe("multi-language schema: EndpointHub and EndpointSpoke", function () {
  // The analyzer type-checks the whole SDK source: seconds, not milliseconds.
  this.timeout(120_000);

  it("the schema analyzer accepts both components, with the contract inputs and outputs", async () => {
    const provider = new ComponentProvider({
      components: [EndpointHub, EndpointSpoke],
      dirname: join(REPO_ROOT, "sdk"),
      name: "vpce-plan",
    });
    const schema = JSON.parse(await provider.getSchema());
    const hub = schema.resources["vpce-plan:index:EndpointHub"];
    const spoke = schema.resources["vpce-plan:index:EndpointSpoke"];
    assert.ok(hub && spoke, `resources: ${Object.keys(schema.resources)}`);
    for (const input of ["spokes", "transit", "centralize", "vpc", "subnets"]) assert.ok(hub.inputProperties[input], `hub input ${input}`);
    for (const output of ["contract", "plan", "endpoints", "monthlyCostUsd"]) assert.ok(hub.properties[output], `hub output ${output}`);
    for (const input of ["contract", "hubStack", "contractOutput", "spokeName", "vpc"])
      assert.ok(spoke.inputProperties[input], `spoke input ${input}`);
    for (const output of ["resolution", "endpoints", "monthlyCostUsd"]) assert.ok(spoke.properties[output], `spoke output ${output}`);
    assert.ok(schema.types["vpce-plan:index:HubContract"]);
    for (const [shape, resource] of [
      [endpointHubArgsShape, hub],
      [endpointSpokeArgsShape, spoke],
    ] as const) {
      const { runtime, schema: declared } = comparable(shape, resource.inputProperties, schema.types);
      assert.deepEqual(runtime, declared);
    }
  });
});
