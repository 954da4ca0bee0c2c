/**
 * Activity types known to the host: for each, the bridge requests its server answers.
 * The bridge route looks up the instance's type here and refuses any other subject.
 */
import type { RequestDef, Role } from '../../../activities/src/bridge/protocol.js';
import type { SessionUser } from './auth.js';
import type { Db } from './db.js';
import type { Writer } from './writer.js';

export interface ActivityInstance {
  readonly id: string;
  readonly courseId: string;
  readonly type: string;
  readonly title: string;
  readonly position: number;
  readonly settings: unknown;
}

export interface HandlerContext {
  readonly user: SessionUser;
  readonly role: Role;
  readonly instance: ActivityInstance;
  readonly writer: Writer;
  readonly db: Db;
}

export interface RequestHandler<P = unknown, R = unknown> {
  readonly def: RequestDef<P, R>;
  // Method syntax on purpose: handlers of different payload types fit in one list.
  handle(payload: P, ctx: HandlerContext): R | Promise<R>;
}

export interface ActivityType {
  readonly type: string;
  readonly requests: readonly RequestHandler[];
}

/** Ties a handler to its definition so that the payload and result types are checked. */
export function defineHandler<P, R>(
  def: RequestDef<P, R>,
  handle: (payload: P, ctx: HandlerContext) => R | Promise<R>,
): RequestHandler {
  return { def, handle } as RequestHandler;
}

export class ActivityRegistry {
  readonly #types = new Map<string, Map<string, RequestHandler>>();

  register(activity: ActivityType): void {
    if (this.#types.has(activity.type)) throw new Error(`Activity type already registered: ${activity.type}`);
    const handlers = new Map<string, RequestHandler>();
    for (const handler of activity.requests) {
      if (handlers.has(handler.def.subject)) throw new Error(`Duplicate subject ${handler.def.subject}`);
      handlers.set(handler.def.subject, handler);
    }
    this.#types.set(activity.type, handlers);
  }

  has(type: string): boolean {
    return this.#types.has(type);
  }

  handler(type: string, subject: string): RequestHandler | undefined {
    return this.#types.get(type)?.get(subject);
  }
}

interface InstanceRow {
  id: string;
  course_id: string;
  type: string;
  title: string;
  position: number;
  settings: string;
}

/** Instance metadata, cached: it does not change while the server runs (versions are read separately). */
export class Instances {
  readonly #cache = new Map<string, ActivityInstance>();
  readonly #byId;
  readonly #byCourse;

  constructor(db: Db) {
    this.#byId = db.prepare<[string], InstanceRow>(
      'SELECT id, course_id, type, title, position, settings FROM activity_instances WHERE id = ?',
    );
    this.#byCourse = db.prepare<[string], InstanceRow>(
      // The instances of catalog modules' quiz and word-cloud items are not activities of the course page.
      `SELECT id, course_id, type, title, position, settings FROM activity_instances
       WHERE course_id = ? AND id NOT IN (SELECT instance_id FROM module_item_instances) ORDER BY position`,
    );
  }

  get(id: string): ActivityInstance | undefined {
    const cached = this.#cache.get(id);
    if (cached) return cached;
    if (id.length > 100) return undefined;
    const row = this.#byId.get(id);
    if (!row) return undefined;
    const instance = toInstance(row);
    this.#cache.set(id, instance);
    return instance;
  }

  ofCourse(courseId: string): ActivityInstance[] {
    return this.#byCourse.all(courseId).map(toInstance);
  }

  /**
   * Whether `user` may see `instance`. The reference host has one course that every account follows;
   * a host with enrolments checks them here.
   */
  canSee(_user: SessionUser, instance: ActivityInstance | undefined): instance is ActivityInstance {
    return instance !== undefined;
  }
}

function toInstance(row: InstanceRow): ActivityInstance {
  return {
    id: row.id,
    courseId: row.course_id,
    type: row.type,
    title: row.title,
    position: row.position,
    settings: JSON.parse(row.settings) as unknown,
  };
}

/** The registry the app uses unless it is given another one. */
export const defaultRegistry = new ActivityRegistry();

export function registerActivityType(activity: ActivityType): void {
  defaultRegistry.register(activity);
}
