import assert from "node:assert/strict";
import { join } from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { EndpointPlan, endpointPlanArgsShape } from "vpce-plan";
import { comparable } from "../helpers/argNames";
import { REPO_ROOT } from "../helpers/requests";

describe("multi-language schema", function () {
  // The analyzer type-checks the whole SDK source: seconds, not milliseconds.
  this.timeout(120_000);

  it("the SDK's schema analyzer infers EndpointPlan with its inputs, outputs and enums", async () => {
    const provider = new ComponentProvider({ components: [EndpointPlan], dirname: join(REPO_ROOT, "sdk"), name: "vpce-plan" });
    const schema = JSON.parse(await provider.getSchema());
    const resource = schema.resources["vpce-plan:index:EndpointPlan"];
    assert.ok(resource, `resources: ${Object.keys(schema.resources)}`);
    assert.equal(resource.isComponent, true);
    for (const input of [
      "vpc",
      "subnets",
      "services",
      "bundles",
      "serviceOptions",
      "access",
      "ha",
      "traffic",
      "securityGroup",
      "tags",
      "region",
      "lookups",
      "catalogOverlay",
    ]) {
      assert.ok(resource.inputProperties[input], `input ${input}`);
    }
    // Subnets may come from subnetTags lookups instead.
    assert.deepEqual([...resource.requiredInputs].sort(), ["vpc"]);
    for (const output of ["endpoints", "plan", "monthlyCostUsd", "warnings"]) assert.ok(resource.properties[output], `output ${output}`);
    const types = schema.types;
    assert.equal(types["vpce-plan:index:VpcArgs"].properties.id.type, "string");
    assert.equal(types["vpce-plan:index:VpcArgs"].properties.id.plain, undefined, "ids are Inputs");
    assert.equal(types["vpce-plan:index:VpcArgs"].properties.cidrs.plain, true, "decision inputs are plain");
    assert.deepEqual(
      types["vpce-plan:index:RequestedEndpointType"].enum.map((e: { value: string }) => e.value),
      ["Auto", "Gateway", "Interface", "GatewayLoadBalancer"],
    );
    assert.ok(types["vpce-plan:index:EndpointOutput"].properties.zonalDnsNames);
    // The unknown-arg check (argsShape.ts) knows exactly the args the interfaces declare, at every depth.
    const { runtime, schema: declared } = comparable(endpointPlanArgsShape, resource.inputProperties, types);
    assert.deepEqual(runtime, declared);
    for (const path of ["access.onPremises.cidrs", "subnets[].azId", "serviceOptions.*.policy.template"])
      assert.ok(runtime.includes(path), path);
  });
});
