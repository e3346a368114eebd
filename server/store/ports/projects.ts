/**
 * The projects port: the catalogue of projects already under way (submitted, funded, running, ended),
 * kept as records the programme team manages, loaded from the reference catalogue or made from an
 * approved partnership; and the requests of other local governments to join one.
 *
 * A lead that is not among our organisations is kept as a label (`leadOrganisationId` null, `leadName`
 * the label), as are partners we do not know (`otherPartners`). An open join request is unique per
 * project and organisation; answering it is one atomic write with the notifications it owes.
 */
import type { CallKind } from './calls.js';
import type { Theme } from './ideas.js';
import type { Notification } from './notifications.js';

export type ProjectStatus = 'submitted' | 'funded' | 'running' | 'ended';
export const PROJECT_STATUSES: readonly ProjectStatus[] = ['submitted', 'funded', 'running', 'ended'];

/** Where a project came from: the shipped catalogue, the programme team's form, or an approved partnership. */
export type ProjectSource = 'reference' | 'programme' | 'partnership';

export interface ProjectRecord {
  id: string;
  title: string;
  /** What the project does, in a few sentences (Dutch for the reference catalogue). */
  summary: string;
  callId: string | null;
  /** The programme's call number, kept also when that call is not in the store. */
  callNumber: number | null;
  type: CallKind;
  theme: Theme;
  leadOrganisationId: string | null;
  /** The lead's name: the organisation's, or a label for a lead we do not know as an organisation. */
  leadName: string;
  partnerOrganisationIds: string[];
  /** Partners we do not know as organisations, by name. */
  otherPartners: string[];
  status: ProjectStatus;
  url: string | null;
  /** The approved partnership this project was made from; unique. */
  partnershipId: string | null;
  source: ProjectSource;
  /** The reference catalogue's own id (`gzg-1-01`), so loading it twice changes nothing; unique. */
  referenceKey: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ProjectPatch = Partial<Omit<ProjectRecord, 'id' | 'source' | 'referenceKey' | 'partnershipId' | 'createdAt' | 'updatedAt'>>;

export interface ProjectQuery {
  callId?: string;
  theme?: Theme;
  status?: ProjectStatus;
}

export type JoinRequestStatus = 'open' | 'accepted' | 'declined';

export interface ProjectJoinRequest {
  id: string;
  projectId: string;
  /** The organisation that asks to join. */
  organisationId: string;
  /** The user who asked. */
  requestedBy: string;
  message: string | null;
  status: JoinRequestStatus;
  createdAt: string;
  answeredAt: string | null;
  answeredBy: string | null;
}

export interface JoinRequestQuery {
  projectId?: string;
  organisationId?: string;
  status?: JoinRequestStatus;
}

export interface JoinRequestAnswer {
  status: 'accepted' | 'declined';
  answeredAt: string;
  answeredBy: string;
}

export interface ProjectsPort {
  /** StoreConflictError('project') on a taken id, referenceKey or partnershipId. */
  createProject(project: ProjectRecord): Promise<void>;
  getProject(id: string): Promise<ProjectRecord | null>;
  getProjectByReferenceKey(key: string): Promise<ProjectRecord | null>;
  getProjectForPartnership(partnershipId: string): Promise<ProjectRecord | null>;
  /** By call number (projects without a call last), then title, then id. Filters combine with AND. */
  listProjects(query?: ProjectQuery): Promise<ProjectRecord[]>;
  /** Null when the project does not exist. */
  updateProject(id: string, patch: ProjectPatch, updatedAt: string): Promise<ProjectRecord | null>;

  /**
   * Stores an open request with the notifications it owes, all or nothing. StoreConflictError
   * ('project_join_request') when the organisation has an open request for the project already.
   */
  createProjectJoinRequest(request: ProjectJoinRequest, notifications: Notification[]): Promise<void>;
  getProjectJoinRequest(id: string): Promise<ProjectJoinRequest | null>;
  /** Oldest first (createdAt, then id). */
  listProjectJoinRequests(query?: JoinRequestQuery): Promise<ProjectJoinRequest[]>;
  /**
   * Answers an open request, atomically with its notifications; an accepted organisation becomes a
   * partner of the project (once; updatedAt moves). Null (nothing written) when the request is unknown
   * or no longer open.
   */
  answerProjectJoinRequest(id: string, answer: JoinRequestAnswer, notifications: Notification[]): Promise<ProjectJoinRequest | null>;
}
