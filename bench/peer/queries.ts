// The benchmark operations PostGraphile can express, as PostGraphile queries, and the
// normalization that turns its answer into Stride's. Aliases in the queries do the field
// renames (distance: distanceM); what is left for normalize() is only what a query cannot
// say: Stride's ids are strings, its instants ISO 8601 in UTC with milliseconds, its enums
// upper case, its connections edges { node } where PostGraphile's are nodes, and an
// athlete's zone falls back to the organization's.

/** A benchmark operation as PostGraphile is asked it. */
export interface PeerQuery {
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
  /** PostGraphile's `data` in the shape and units of Stride's `data`. */
  normalize(data: unknown): unknown;
}

const upper = (value: string | null) => value?.toUpperCase() ?? null;
/** PostGraphile writes timestamptz in the session's offset ('2026-11-29T07:33:00+00:00'); Stride as Date#toISOString. */
const isoInstant = (value: string) => new Date(value).toISOString();

const ATHLETES_PAGE = /* GraphQL */ `
  query AthletesPage100($orgId: Int!, $first: Int!) {
    organizationById(id: $orgId) { timezone }
    allUsers(first: $first, condition: { orgId: $orgId, role: "athlete", archivedAt: null }, orderBy: [NAME_ASC, ID_ASC]) {
      totalCount
      pageInfo { hasNextPage }
      nodes { id name email timezone unitSystem sex birthYear version }
    }
  }`;

interface PeerAthlete { id: number; name: string; email: string; timezone: string | null; unitSystem: string | null; sex: string | null; birthYear: number | null; version: number }

/** Stride's `athletes(first:)`: the organization's roster (archived athletes left out) by name, then id. */
export function athletesPagePeer(orgId: number, first: number): PeerQuery {
  return {
    query: ATHLETES_PAGE,
    operationName: 'AthletesPage100',
    variables: { orgId, first },
    normalize(data) {
      const { organizationById: org, allUsers: page } = data as {
        organizationById: { timezone: string };
        allUsers: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: PeerAthlete[] };
      };
      return {
        athletes: {
          totalCount: page.totalCount,
          pageInfo: page.pageInfo,
          edges: page.nodes.map((a) => ({
            node: { ...a, id: String(a.id), timezone: a.timezone ?? org.timezone, unitSystem: upper(a.unitSystem), sex: upper(a.sex) },
          })),
        },
      };
    },
  };
}

const ATHLETE_RUNS = /* GraphQL */ `
  query AthleteRuns($orgId: Int!, $id: Int!, $first: Int!) {
    userByOrgIdAndId(orgId: $orgId, id: $id) {
      id
      role
      activitiesByOrgIdAndAthleteId(first: $first, condition: { deletedAt: null }, orderBy: [START_TIME_DESC, ID_DESC]) {
        pageInfo { hasNextPage }
        nodes {
          id startTime localDate timezone source sport distance: distanceM movingTime: movingS elapsedTime: elapsedS
          avgHeartRate: avgHr maxHeartRate: maxHr calories elevationGain: elevationGainM trainingLoad loadMethod rpe
        }
      }
    }
  }`;

interface PeerRun { id: string; startTime: string; loadMethod: string | null; [field: string]: unknown }

/** Stride's `athlete(id) { recentActivities(first:) }`: the athlete's live runs, newest first. */
export function athleteRunsPeer(orgId: number, athleteId: number, first: number): PeerQuery {
  return {
    query: ATHLETE_RUNS,
    operationName: 'AthleteRuns',
    variables: { orgId, id: athleteId, first },
    normalize(data) {
      const user = (data as {
        userByOrgIdAndId: { id: number; role: string; activitiesByOrgIdAndAthleteId: { pageInfo: { hasNextPage: boolean }; nodes: PeerRun[] } } | null;
      }).userByOrgIdAndId;
      // Stride's athlete(id) answers athletes only (NOT_FOUND for a coach's id): null never equals that.
      if (!user || user.role !== 'athlete') return { athlete: null };
      const runs = user.activitiesByOrgIdAndAthleteId;
      return {
        athlete: {
          id: String(user.id),
          recentActivities: {
            pageInfo: runs.pageInfo,
            edges: runs.nodes.map((r) => ({ node: { ...r, id: String(r.id), startTime: isoInstant(r.startTime), loadMethod: upper(r.loadMethod) } })),
          },
        },
      };
    },
  };
}
