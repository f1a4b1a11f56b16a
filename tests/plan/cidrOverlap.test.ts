/** Networks that cannot route (rules/cidrOverlap.ts): CIDR_OVERLAP, an error where AWS rejects it, else a warning. */
import assert from "node:assert/strict";
import { request } from "../helpers/build";
import { runRows } from "../helpers/acceptRows";

describe("planEndpoints: overlapping networks", () => {
  runRows([
    {
      why: "disjoint networks: no overlap",
      request: request({ access: { peerVpcs: [{ name: "p", cidrs: ["10.1.0.0/16"] }] } }),
      absent: ["CIDR_OVERLAP"],
    },
    {
      why: "a peer VPC whose CIDR is the VPC's own is an error naming both sides",
      request: request({ access: { peerVpcs: [{ name: "twin", cidrs: ["10.0.0.0/16"] }] } }),
      problems: [["CIDR_OVERLAP", "access.peerVpcs[0].cidrs[0]"]],
      checkProblems: ([p]) => assert.match(p.message, /the VPC's 10\.0\.0\.0\/16 is the same block as peer VPC twin's 10\.0\.0\.0\/16/),
    },
    {
      why: "a peer VPC containing the VPC's CIDR: peering fails on overlapping IPv4 blocks",
      request: request({ access: { peerVpcs: [{ name: "wide", cidrs: ["10.0.0.0/8"] }] } }),
      problems: [["CIDR_OVERLAP", "access.peerVpcs[0].cidrs[0]"]],
    },
    {
      why: "an on-premises block inside the VPC's range can never be answered: an error",
      request: request({ access: { onPremises: { cidrs: ["10.0.8.0/24"] } } }),
      problems: [["CIDR_OVERLAP", "access.onPremises.cidrs[0]"]],
    },
    {
      why: "an on-premises block wider than the VPC only makes part of it unreachable: a warning",
      request: request({ access: { onPremises: { cidrs: ["10.0.0.0/8"] } } }),
      warnings: [["CIDR_OVERLAP", "access.onPremises.cidrs[0]"]],
    },
    {
      why: "two outside networks overlapping: a warning naming both",
      request: request({ access: { onPremises: { cidrs: ["192.168.0.0/16"] }, peerVpcs: [{ name: "p", cidrs: ["192.168.4.0/24"] }] } }),
      warnings: [["CIDR_OVERLAP", "access.peerVpcs[0].cidrs[0]"]],
      check: (p) =>
        assert.match(
          p.warnings.find((w) => w.code === "CIDR_OVERLAP")!.message,
          /on-premises's 192\.168\.0\.0\/16 contains peer VPC p's 192\.168\.4\.0\/24/,
        ),
    },
  ]);
});
