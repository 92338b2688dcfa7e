/**
 * The archive's schema, as numbered migrations. Each runs in one transaction and sets
 * `PRAGMA user_version` to its number; a database whose version is above the newest one here
 * was written by a newer version of the app and is refused (see open.ts).
 *
 * Never edit a migration that has shipped: add the next one. Each migration has a test that
 * migrates a database holding data of the previous version (tests/db/migrations.test.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { searchText } from './text';

type Db = BetterSqlite3.Database;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Db) => void;
}

/** 'NBAO': marks a SQLite file as a Nianbao archive (PRAGMA application_id). */
export const APPLICATION_ID = 0x4e42414f;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'units, reports, revisions, journal, finalisations',
    up(db) {
      db.exec(`
        CREATE TABLE units (
          id TEXT PRIMARY KEY NOT NULL,
          name TEXT NOT NULL,
          kind TEXT CHECK (kind IN ('政府', '乡镇街道', '部门', '其他')),
          parent_id TEXT REFERENCES units (id),
          merged_into TEXT REFERENCES units (id),
          created_at TEXT NOT NULL
        ) STRICT;

        -- Every name a unit has had, the current one included (valid_to NULL).
        CREATE TABLE unit_names (
          unit_id TEXT NOT NULL REFERENCES units (id),
          name TEXT NOT NULL,
          -- the name without white space, for matching imported files
          name_key TEXT NOT NULL,
          valid_from TEXT,
          valid_to TEXT
        ) STRICT;
        CREATE INDEX unit_names_by_unit ON unit_names (unit_id);
        CREATE INDEX unit_names_by_key ON unit_names (name_key);

        CREATE TABLE reports (
          id INTEGER PRIMARY KEY,
          unit_id TEXT NOT NULL REFERENCES units (id),
          year INTEGER NOT NULL CHECK (year BETWEEN 2008 AND 2100),
          -- NULL: a text-only document of a year before 2019
          format TEXT CHECK (format IN ('2019', '2021')),
          -- the revision line: 1, one more each time a finalised report is reopened
          line INTEGER NOT NULL DEFAULT 1,
          head INTEGER NOT NULL DEFAULT 0,
          -- a summary of the newest revision, for listing without reading it
          title TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL DEFAULT '',
          errors INTEGER NOT NULL DEFAULT 0,
          warnings INTEGER NOT NULL DEFAULT 0,
          updated_at TEXT NOT NULL,
          updated_by TEXT NOT NULL DEFAULT '',
          UNIQUE (unit_id, year)
        ) STRICT;

        -- Revisions are immutable: the triggers below refuse any change or deletion.
        CREATE TABLE revisions (
          report_id INTEGER NOT NULL REFERENCES reports (id),
          number INTEGER NOT NULL,
          line INTEGER NOT NULL,
          at TEXT NOT NULL,
          author TEXT NOT NULL,
          reason TEXT NOT NULL,
          note TEXT NOT NULL DEFAULT '',
          -- JSON: the report (.nianbao.json content) or {"title", "text"} for a legacy document
          body TEXT NOT NULL,
          hash TEXT NOT NULL,
          PRIMARY KEY (report_id, number)
        ) STRICT;
        CREATE TRIGGER revisions_immutable BEFORE UPDATE ON revisions
          BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
        CREATE TRIGGER revisions_kept BEFORE DELETE ON revisions
          BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;

        -- The state being edited, written at every debounced change; one row per report,
        -- folded into the next revision.
        CREATE TABLE journal (
          report_id INTEGER PRIMARY KEY REFERENCES reports (id),
          base INTEGER NOT NULL,
          at TEXT NOT NULL,
          author TEXT NOT NULL,
          body TEXT NOT NULL
        ) STRICT;

        -- 定稿: the revision, the exact PDF bytes and their SHA-256, who and when. Only the
        -- reopening columns may change afterwards.
        CREATE TABLE finalisations (
          id INTEGER PRIMARY KEY,
          report_id INTEGER NOT NULL,
          revision INTEGER NOT NULL,
          at TEXT NOT NULL,
          by TEXT NOT NULL,
          pdf BLOB,
          sha256 TEXT,
          reopened_at TEXT,
          reopened_by TEXT,
          reopen_reason TEXT,
          FOREIGN KEY (report_id, revision) REFERENCES revisions (report_id, number)
        ) STRICT;
        CREATE INDEX finalisations_by_report ON finalisations (report_id);
        CREATE INDEX finalisations_by_sha ON finalisations (sha256);
        CREATE TRIGGER finalisations_fixed BEFORE UPDATE OF report_id, revision, at, by, pdf, sha256
          ON finalisations
          BEGIN SELECT RAISE(ABORT, 'a finalisation record is immutable'); END;
        CREATE TRIGGER finalisations_kept BEFORE DELETE ON finalisations
          BEGIN SELECT RAISE(ABORT, 'finalisation records are never deleted'); END;
      `);
    },
  },
  {
    version: 2,
    name: 'full-text search (FTS5 trigram) over the newest revision of every report',
    up(db) {
      db.exec(`CREATE VIRTUAL TABLE search USING fts5 (title, body, tokenize = 'trigram');`);
      const insert = db.prepare('INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)');
      // in batches: better-sqlite3 refuses to write while an iterator is open, and reading
      // every body at once would hold a whole archive in memory
      const heads = db.prepare(
        `SELECT r.id, v.body FROM reports r
           JOIN revisions v ON v.report_id = r.id AND v.number = r.head
          WHERE r.id > ? ORDER BY r.id LIMIT 200`,
      );
      for (let after = 0; ;) {
        const rows = heads.all(after) as { id: number; body: string }[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const { title, body } = searchText(row.body);
          insert.run(row.id, title, body);
        }
        after = rows[rows.length - 1]!.id;
      }
    },
  },
  {
    version: 3,
    name: 'search: every indexed text ends with INDEX_END; the trigram vocabulary for 1–2 character queries',
    up(db) {
      db.exec(`
        UPDATE search SET title = title || char(10, 10), body = body || char(10, 10);
        CREATE VIRTUAL TABLE search_vocab USING fts5vocab (search, 'row');
        INSERT INTO search (search) VALUES ('optimize');
      `);
    },
  },
  {
    version: 4,
    name: "settings: the office's own values (the report deadlines), each with who set it and when",
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,  -- JSON
          at TEXT NOT NULL,
          by TEXT NOT NULL DEFAULT ''
        );
      `);
    },
  },
  {
    version: 5,
    name: '已发布（存档）: past reports published on the website, marked read-only (who, when, why)',
    up(db) {
      // One row per marking; taking the mark back fills the unmarked_* columns (the row stays).
      // A report is marked while it has a row with unmarked_at NULL.
      db.exec(`
        CREATE TABLE publications (
          id INTEGER PRIMARY KEY,
          report_id INTEGER NOT NULL REFERENCES reports (id),
          -- the revision marked (the 'publish' revision recording it)
          revision INTEGER NOT NULL,
          at TEXT NOT NULL,
          by TEXT NOT NULL,
          reason TEXT NOT NULL DEFAULT '',
          unmarked_at TEXT,
          unmarked_by TEXT,
          unmark_reason TEXT
        ) STRICT;
        CREATE INDEX publications_by_report ON publications (report_id);
        CREATE TRIGGER publications_fixed BEFORE UPDATE OF report_id, revision, at, by, reason
          ON publications
          BEGIN SELECT RAISE(ABORT, 'a publication mark is immutable'); END;
        CREATE TRIGGER publications_kept BEFORE DELETE ON publications
          BEGIN SELECT RAISE(ABORT, 'publication marks are never deleted'); END;
      `);
    },
  },
  {
    version: 6,
    name: 'unit_changes: every change of a unit (created, renamed, 类型, 上级, merged), signed',
    up(db) {
      // One row per change, never changed or deleted. old_value/new_value as they read at the
      // time (names, 类型, the other unit's name); old_ref/new_ref the other unit's id.
      db.exec(`
        CREATE TABLE unit_changes (
          id INTEGER PRIMARY KEY,
          unit_id TEXT NOT NULL REFERENCES units (id),
          at TEXT NOT NULL,
          by TEXT NOT NULL DEFAULT '',
          change TEXT NOT NULL
            CHECK (change IN ('created', 'renamed', 'kind', 'parent', 'merged', 'absorbed')),
          old_value TEXT,
          new_value TEXT,
          old_ref TEXT,
          new_ref TEXT,
          -- the day a rename or merge applies
          date TEXT
        ) STRICT;
        CREATE INDEX unit_changes_by_unit ON unit_changes (unit_id);
        CREATE TRIGGER unit_changes_fixed BEFORE UPDATE ON unit_changes
          BEGIN SELECT RAISE(ABORT, 'unit changes are immutable'); END;
        CREATE TRIGGER unit_changes_kept BEFORE DELETE ON unit_changes
          BEGIN SELECT RAISE(ABORT, 'unit changes are never deleted'); END;
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
