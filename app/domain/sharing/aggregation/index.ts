/** Public surface of the shared-service aggregation engine (pure: safe on server and client). */
export { aggregateNeeds } from "./aggregate-needs";
export { recomputeSplit, splitCost, largestRemainderSplit, groupHourlyCents, type SplitMember } from "./cost-split";
export { compatibleCategoryPairs, serviceCategoryFor, areCompatible } from "./category-compatibility";
export { groupRulesByCategory, childrenPerCarerByAge, type CategoryRules } from "./group-rules";
export { explainGroup } from "./explain";
export { groupKey } from "./group-key";
export { normalizeWindows, intersectWindows, weeklyMinutes } from "./time-windows";
export * from "./types";
