/** Offline Pulumi runs: the AWS mocks, the in-process runner and the tree printer (`vpce-plan preview`, tests). */
export * from "./mocks";
export * from "./run";
export { formatTree, resourceSummary } from "./tree";
export { previewRequest, mockFactsFromRequest, type RequestPreview } from "./request";
