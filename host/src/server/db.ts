/**
 * SQLite storage: connection settings and numbered migrations.
 *
 * WAL mode with `synchronous = NORMAL`: a commit does not wait for the disk by itself. The app's writer
 * (`writer.ts`) fsyncs the WAL after each batch's commit, off the event loop, and acknowledges only then
 * (`walSync` below), so an acknowledged request survives a crash or power loss as with `synchronous = FULL`,
 * with one fsync per batch and no stall of the thread that serves HTTP. Checkpoints sync the WAL first.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export const DB_FILE = 'magistere.sqlite';

/** Append only: a migration, once released, is never edited; a change is a new entry. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('trainer', 'trainee')),
    password_hash TEXT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE INDEX sessions_expires ON sessions(expires_at);
  CREATE TABLE courses (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL
  );
  CREATE TABLE activity_instances (
    id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    version INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX activity_instances_course ON activity_instances(course_id, position);
  CREATE TABLE reaction_events (
    id INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reaction TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (instance_id, user_id, idempotency_key)
  );
  CREATE TABLE reaction_counts (
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    reaction TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (instance_id, reaction)
  ) WITHOUT ROWID;
  -- AUTOINCREMENT: ids are SSE event ids, so they must never be reused after pruning.
  CREATE TABLE event_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX event_log_snapshot ON event_log(instance_id, subject, id);
  `,
  // 2: the word cloud. Settings, merges and hidden words of an instance (no row: the instance's own settings);
  // its entries, `withdrawn` ones kept so that a retried submission is not stored again.
  `
  CREATE TABLE wordcloud_instances (
    instance_id TEXT PRIMARY KEY REFERENCES activity_instances(id) ON DELETE CASCADE,
    settings TEXT NOT NULL CHECK (json_valid(settings)),
    merges TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(merges)),
    hidden TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(hidden))
  ) WITHOUT ROWID;
  CREATE TABLE wordcloud_entries (
    id INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'pending', 'rejected', 'withdrawn')),
    idempotency_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (instance_id, user_id, idempotency_key)
  );
  CREATE INDEX wordcloud_entries_instance ON wordcloud_entries(instance_id, status, id);
  `,
  // 3: the hybrid programme. Its steps once a trainer saved them (no row: the instance's own settings), and each
  // trainee's progress in its module steps.
  `
  CREATE TABLE programme_instances (
    instance_id TEXT PRIMARY KEY REFERENCES activity_instances(id) ON DELETE CASCADE,
    steps TEXT NOT NULL CHECK (json_valid(steps))
  ) WITHOUT ROWID;
  CREATE TABLE programme_progress (
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    percent REAL NOT NULL CHECK (percent BETWEEN 0 AND 100),
    completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (instance_id, user_id, step_id)
  ) WITHOUT ROWID;
  `,
  // 4: the quiz. Attempts (state as JSON, see quiz/src/attempt.ts) and the keys of actions applied to them; the
  // gradebook; the live session of each instance, its participants, when each was sent each question, answers.
  `
  CREATE TABLE quiz_attempts (
    id INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    state TEXT NOT NULL CHECK (json_valid(state)),
    status TEXT NOT NULL CHECK (status IN ('inProgress', 'finished')),
    grade REAL,
    passed INTEGER CHECK (passed IN (0, 1)),
    start_key TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, user_id, number),
    UNIQUE (instance_id, user_id, start_key)
  );
  CREATE TABLE quiz_action_keys (
    attempt_id INTEGER NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, key)
  ) WITHOUT ROWID;
  CREATE TABLE quiz_grades (
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    grade REAL,
    max_grade REAL NOT NULL,
    passed INTEGER CHECK (passed IN (0, 1)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (instance_id, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE quiz_live (
    instance_id TEXT PRIMARY KEY REFERENCES activity_instances(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    seed TEXT NOT NULL,
    state TEXT NOT NULL CHECK (json_valid(state)),
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE quiz_live_participants (
    session_id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    join_index INTEGER NOT NULL,
    team TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE quiz_live_served (
    session_id TEXT NOT NULL,
    step INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    served_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, step, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE quiz_live_answers (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL,
    step INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    response TEXT NOT NULL CHECK (json_valid(response)),
    state TEXT NOT NULL,
    fraction REAL NOT NULL,
    points INTEGER NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (session_id, step, user_id)
  );
  CREATE INDEX quiz_live_answers_user ON quiz_live_answers(session_id, user_id);
  `,
  // 5: the module player. Rows are keyed by the programme instance and its module step (a step keeps its id across
  // version updates) and by item id (stable across versions). Per item: completion and time spent; H5P attempts in the
  // shape of Moodle's h5pactivity_attempts; the keys of xAPI statements already applied; H5P states. A step's summary
  // (percent, completed, and now time and score) stays in programme_progress, which <mag-programme> reads.
  `
  CREATE TABLE module_item_progress (
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    seconds INTEGER NOT NULL DEFAULT 0 CHECK (seconds >= 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (instance_id, step_id, user_id, item_id)
  ) WITHOUT ROWID;
  CREATE TABLE module_attempts (
    id INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    session TEXT NOT NULL,
    verbs TEXT NOT NULL,
    raw_score REAL,
    max_score REAL,
    scaled REAL,
    duration REAL,
    completion INTEGER CHECK (completion IN (0, 1)),
    success INTEGER CHECK (success IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (instance_id, step_id, user_id, item_id, attempt)
  );
  CREATE TABLE module_statement_keys (
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (instance_id, user_id, key)
  ) WITHOUT ROWID;
  CREATE TABLE module_h5p_states (
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (instance_id, step_id, user_id, item_id)
  ) WITHOUT ROWID;
  ALTER TABLE programme_progress ADD COLUMN seconds INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE programme_progress ADD COLUMN score REAL;
  `,
  // 6: the quiz's accommodations: a trainee's extra time on the time limit of a quiz instance, in seconds (no row:
  // none). Set by a trainer (quiz.accommodations); read when an attempt starts and applied to the one in progress.
  `
  CREATE TABLE quiz_extra_time (
    instance_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    seconds INTEGER NOT NULL CHECK (seconds > 0),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (instance_id, user_id)
  ) WITHOUT ROWID;
  `,
  // 7: quiz and word-cloud items of catalog modules. Each (programme, step, item) gets an activity instance of its own
  // (type module-quiz or module-wordcloud, served only through the module player's relay), whose settings follow the
  // step's version: the quiz's and word cloud's own tables keep its attempts, grades and words across updates.
  `
  CREATE TABLE module_item_instances (
    instance_id TEXT PRIMARY KEY REFERENCES activity_instances(id) ON DELETE CASCADE,
    programme_id TEXT NOT NULL REFERENCES activity_instances(id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('quiz', 'wordcloud')),
    version TEXT NOT NULL,
    UNIQUE (programme_id, step_id, item_id)
  ) WITHOUT ROWID;
  `,
];

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

/**
 * Makes every commit so far durable: fsyncs the database's WAL file (fsync flushes the file, whichever
 * descriptor wrote it). Runs in libuv's thread pool.
 */
export function walSync(dataDir: string): () => Promise<void> {
  const wal = `${databaseFile(dataDir)}-wal`;
  return async () => {
    const file = await fs.promises.open(wal, 'r');
    try {
      await file.sync();
    } finally {
      await file.close();
    }
  };
}

export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(databaseFile(dataDir));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Applies the migrations not yet recorded, each in its own transaction. Returns how many ran. */
export function migrate(db: Db): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const isApplied = db.prepare<[number], number>('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare<[number, number]>('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  let ran = 0;
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    // IMMEDIATE and a re-check inside: two processes starting together apply each migration once.
    const apply = db.transaction(() => {
      if (isApplied.get(version) !== undefined) return;
      db.exec(sql);
      record.run(version, Date.now());
      ran++;
    });
    apply.immediate();
  });
  return ran;
}

export function schemaVersion(db: Db): number {
  return db.prepare<[], number>('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck().get() ?? 0;
}
