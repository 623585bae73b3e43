namespace Okr.Api.Domain;

/// <summary>Role of a person in the organisation: admins manage everything, members their own OKRs, viewers only read.</summary>
public enum OrgRole { Admin, Member, Viewer }

/// <summary>What an API client may do: read, write OKRs and check-ins, import, read performance conversations (and nothing else of them), or provision people and teams over SCIM 2.0 (and nothing else).</summary>
public enum ClientScope { Read, Write, Import, Conversations, Scim, Events }

/// <summary>What a write did, in the audit log; signed_in: a person signed in from a network not seen for them before.</summary>
public enum AuditAction { Created, Updated, Deleted, SignedIn }

/// <summary>Role of a person inside one team.</summary>
public enum TeamRole { Lead, Member }

/// <summary>Life cycle of a period: planning, then active, then closed.</summary>
public enum PeriodState { Planning, Active, Closed }

/// <summary>Life cycle of an objective.</summary>
public enum ObjectiveState { Draft, Active, Closed, Archived }

/// <summary>
/// Where an objective's progress comes from (docs/method.md, "Roll-up"): its key results (falling back to the objectives
/// aligned to it when it has none), the objectives aligned to it (falling back to its key results when none count), or
/// both, blended by the objective's aligned share.
/// </summary>
public enum ProgressSource { KeyResults, Aligned, Both }

/// <summary>Where an objective sits in the alignment tree; derived, never stored.</summary>
public enum ObjectiveLevel { Company, Team, Individual }

/// <summary>A metric key result moves a number from a baseline to a target; a milestone is done or not done.</summary>
public enum KeyResultType { Metric, Milestone }

/// <summary>Which way a metric key result must move to make progress.</summary>
public enum Direction { Increase, Decrease, StayAbove, StayBelow }

/// <summary>Where a check-in came from.</summary>
public enum CheckInSource { Web, Api, Import }

/// <summary>Health of an objective or key result: progress against the share of the period elapsed and the latest confidence.</summary>
/// not_started while its period is in planning or has not reached its start date, and for a key result nobody has checked
/// in on yet until one cadence after it was added: nobody can be behind yet. closed: the objective was closed or archived;
/// its final score speaks for it and it asks for nothing.
public enum Status { OnTrack, Behind, AtRisk, NotStarted, Closed }

/// <summary>Where a bulk import stands.</summary>
public enum ImportStatus { Queued, Running, Succeeded, Failed }

/// <summary>The two import and export formats.</summary>
public enum ImportFormat { Json, Csv }
