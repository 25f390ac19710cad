// Package sandbox is a local emulator of the CoachAccountable API ("the
// sandbox"), faithful to the team's API reference, COACHACCOUNTABLE.md
// (kept outside the repository, at ../shared/api/ from its root; sections 1,
// 2, 4, 6, 7 and appendices A and B). Tests, demos and benchmarks talk to it over
// real HTTP with the same client code that talks to the live API.
//
// What is emulated:
//
//   - One endpoint, /API/ (and /API), answering POST and GET. Fields are read
//     from the query string and from an application/x-www-form-urlencoded or
//     multipart/form-data body; body fields win over query-string fields, and
//     the last occurrence of a repeated field wins (section 1.2 proposal).
//     Field names and the function name are case-sensitive (section 7 #33).
//   - The envelope of section 1.5: status, result, return, error (a JSON
//     number), message, and timezone (the account's) only on success. Every
//     API-level outcome is HTTP 200 with Content-Type application/json;
//     charset=utf-8. return is [] on failure and when there is nothing to
//     return; single-item gets return a one-element array (section 1.7).
//   - The order of checks of section 1.9: 101-106, then 201 and 202 (a
//     function of Appendix A the sandbox does not implement is 202 with a
//     message saying so), then each function's own checks.
//   - The read functions of section 4 listed by readFunctions (with every
//     documented filter and the plausible errors: an ID filter that names
//     nothing is 302, a coach filter 311), the write functions of section 5
//     (writes*.go), and the two CSV calls of section 6, whose CSV text comes
//     from package clientdata.
//   - Records in the wire format of section 1.8: IDs and counts as JSON
//     integers (0 for "none"), money as numbers with two decimals, booleans
//     true/false, dates "YYYY-MM-DD", date/times "YYYY-MM-DD HH:MM:SS" in the
//     account timezone, null where the reference says "or null", "" for empty
//     strings. Lists without a sort parameter are in ascending ID order
//     (section 7 #27); sortOption, sortField and sortDirection follow 3.7.
//
// Proposals followed beyond the reference's own: dateTo filters given as a
// date cover the whole day; Invoice.getAll compares dateOf; an invoice's
// amount is its line items plus tax rounded half-up; Engagement.getAll's
// allocationUsedA counts the engagement's active appointments whose
// countsInEngagement is not -1, allocationUsedP those of them that have
// started, allocationUsedV is 0, and AppointmentSet lists every appointment
// linked to the engagement; name, projectName and title filters are
// case-insensitive prefixes.
//
// Transport faults can be injected (Options.Faults, Server.InjectNext) to
// exercise a client's retries: HTTP 500/502/503/429 answers, dropped
// connections, truncated bodies and slowly dribbled bodies. A 5xx, 429 or
// dropped call is refused before its function runs; a truncated or slow body
// carries the answer of a call that did run.
//
// The account (package account) is guarded by a read-write lock: read
// functions share it, write functions hold it exclusively, and after each
// successful write the state is saved atomically to Options.StatePath when set.
package sandbox
